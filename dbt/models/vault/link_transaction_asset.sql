{{ config(materialized='incremental', on_schema_change='fail') }}
-- An investment trade and the asset it bought or sold (hub_asset of the market vault: same md5 of the ticker).
{{ ledgerline.dv_link(
    "select tx_id, asset_symbol, synced_at as load_date, 'raw.transactions' as record_source from " ~ ref('stg_transactions') ~ " where txn_type = 'TRADE' and asset_symbol is not null",
    'transaction_asset_hk',
    [{'hash_key': 'transaction_hk', 'keys': ['tx_id']}, {'hash_key': 'asset_hk', 'keys': ['asset_symbol']}]
) }}
