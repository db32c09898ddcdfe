import { AssetSchema, type Asset } from '../model/asset.ts';

// symbol, name, category, market cap in USD (rounded; a seed for ranking and volume scale, not a quote).
const CRYPTO_ROWS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['BTC', 'Bitcoin', 'layer-1', '1300000000000'],
  ['ETH', 'Ethereum', 'layer-1', '420000000000'],
  ['USDT', 'Tether', 'stablecoin', '140000000000'],
  ['BNB', 'BNB', 'exchange', '95000000000'],
  ['SOL', 'Solana', 'layer-1', '80000000000'],
  ['USDC', 'USD Coin', 'stablecoin', '60000000000'],
  ['XRP', 'XRP', 'payments', '55000000000'],
  ['DOGE', 'Dogecoin', 'meme', '25000000000'],
  ['TON', 'Toncoin', 'layer-1', '18000000000'],
  ['ADA', 'Cardano', 'layer-1', '17000000000'],
  ['TRX', 'TRON', 'layer-1', '14000000000'],
  ['AVAX', 'Avalanche', 'layer-1', '13000000000'],
  ['SHIB', 'Shiba Inu', 'meme', '12000000000'],
  ['DOT', 'Polkadot', 'layer-0', '10000000000'],
  ['LINK', 'Chainlink', 'oracle', '9500000000'],
  ['BCH', 'Bitcoin Cash', 'payments', '9000000000'],
  ['NEAR', 'NEAR Protocol', 'layer-1', '7000000000'],
  ['LTC', 'Litecoin', 'payments', '6500000000'],
  ['MATIC', 'Polygon', 'layer-2', '6000000000'],
  ['UNI', 'Uniswap', 'defi', '5500000000'],
  ['ICP', 'Internet Computer', 'layer-1', '5000000000'],
  ['DAI', 'Dai', 'stablecoin', '5000000000'],
  ['LEO', 'UNUS SED LEO', 'exchange', '5000000000'],
  ['APT', 'Aptos', 'layer-1', '4000000000'],
  ['ETC', 'Ethereum Classic', 'layer-1', '3800000000'],
  ['XLM', 'Stellar', 'payments', '3300000000'],
  ['ATOM', 'Cosmos', 'layer-0', '3000000000'],
  ['FIL', 'Filecoin', 'storage', '2900000000'],
  ['ARB', 'Arbitrum', 'layer-2', '2800000000'],
  ['OP', 'Optimism', 'layer-2', '2600000000'],
  ['XMR', 'Monero', 'privacy', '2500000000'],
  ['HBAR', 'Hedera', 'layer-1', '2400000000'],
  ['INJ', 'Injective', 'defi', '2200000000'],
  ['VET', 'VeChain', 'supply-chain', '2100000000'],
  ['MKR', 'Maker', 'defi', '2000000000'],
  ['IMX', 'Immutable', 'gaming', '1900000000'],
  ['RNDR', 'Render', 'compute', '1800000000'],
  ['GRT', 'The Graph', 'data', '1700000000'],
  ['AAVE', 'Aave', 'defi', '1600000000'],
  ['ALGO', 'Algorand', 'layer-1', '1500000000'],
  ['STX', 'Stacks', 'layer-2', '1400000000'],
  ['SUI', 'Sui', 'layer-1', '1300000000'],
  ['QNT', 'Quant', 'interoperability', '1200000000'],
  ['EGLD', 'MultiversX', 'layer-1', '1100000000'],
  ['SAND', 'The Sandbox', 'gaming', '1000000000'],
  ['AXS', 'Axie Infinity', 'gaming', '950000000'],
  ['THETA', 'Theta Network', 'media', '900000000'],
  ['FTM', 'Fantom', 'layer-1', '850000000'],
  ['EOS', 'EOS', 'layer-1', '800000000'],
  ['XTZ', 'Tezos', 'layer-1', '750000000'],
];

const STOCK_ROWS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['AAPL', 'Apple Inc.', 'technology', '3400000000000'],
  ['MSFT', 'Microsoft Corporation', 'technology', '3100000000000'],
  ['NVDA', 'NVIDIA Corporation', 'semiconductors', '3000000000000'],
  ['GOOGL', 'Alphabet Inc.', 'communication', '2100000000000'],
  ['AMZN', 'Amazon.com Inc.', 'consumer-discretionary', '1900000000000'],
  ['META', 'Meta Platforms Inc.', 'communication', '1400000000000'],
  ['BRK.B', 'Berkshire Hathaway Inc.', 'financials', '950000000000'],
  ['TSLA', 'Tesla Inc.', 'consumer-discretionary', '800000000000'],
  ['JPM', 'JPMorgan Chase & Co.', 'financials', '600000000000'],
  ['V', 'Visa Inc.', 'financials', '550000000000'],
  ['UNH', 'UnitedHealth Group Inc.', 'health-care', '500000000000'],
  ['XOM', 'Exxon Mobil Corporation', 'energy', '480000000000'],
  ['JNJ', 'Johnson & Johnson', 'health-care', '380000000000'],
  ['PG', 'Procter & Gamble Co.', 'consumer-staples', '390000000000'],
  ['MA', 'Mastercard Inc.', 'financials', '440000000000'],
  ['HD', 'The Home Depot Inc.', 'consumer-discretionary', '380000000000'],
  ['KO', 'The Coca-Cola Company', 'consumer-staples', '270000000000'],
  ['PEP', 'PepsiCo Inc.', 'consumer-staples', '230000000000'],
  ['COIN', 'Coinbase Global Inc.', 'financials', '60000000000'],
  ['MSTR', 'MicroStrategy Inc.', 'technology', '70000000000'],
];

function toAssets(rows: typeof CRYPTO_ROWS, assetClass: Asset['assetClass']): Asset[] {
  return rows.map(([symbol, name, category, marketCapUsd]) => AssetSchema.parse({ symbol, name, assetClass, category, marketCapUsd }));
}

/** The seed list: the top 50 cryptocurrencies and 20 stocks analysts follow. */
export const SEED_ASSETS: readonly Asset[] = Object.freeze([...toAssets(CRYPTO_ROWS, 'crypto'), ...toAssets(STOCK_ROWS, 'stock')]);

export function findSeedAsset(symbol: string): Asset | undefined {
  return SEED_ASSETS.find((asset) => asset.symbol === symbol);
}
