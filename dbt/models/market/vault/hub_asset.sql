{{ config(materialized='incremental', on_schema_change='fail') }}
{% set assets %}
    select symbol, load_date, record_source from {{ ref('stg_market_assets') }}
    union all
    select symbol, load_date, record_source from {{ ref('stg_market_prices') }}
{% endset %}
{{ ledgerline.dv_hub(assets, 'asset_hk', ['symbol']) }}
