{{ config(materialized='incremental', on_schema_change='fail') }}
-- stock price bars on the asset hub; (source, bar_interval, open_time) tell the series and the bar apart.
{{ ledgerline.dv_satellite(
    "select * from " ~ ref('stg_market_prices') ~ " where asset_class = 'stock'",
    'asset_hk', ['symbol'],
    ['close_time', 'quote_currency', 'open_price', 'high_price', 'low_price', 'close_price', 'volume', 'quote_volume'],
    child_keys=['source', 'bar_interval', 'open_time']
) }}
