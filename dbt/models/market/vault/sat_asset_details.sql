{{ config(materialized='incremental', on_schema_change='fail') }}
{{ ledgerline.dv_satellite(
    'select * from ' ~ ref('stg_market_assets'),
    'asset_hk', ['symbol'],
    ['asset_name', 'asset_class', 'category', 'market_cap_usd']
) }}
