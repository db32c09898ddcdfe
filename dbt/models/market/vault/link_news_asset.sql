{{ config(materialized='incremental', on_schema_change='fail') }}
{{ ledgerline.dv_link(
    'select source, article_id, symbol, load_date, record_source from ' ~ ref('stg_market_news_mentions'),
    'news_asset_hk',
    [{'hash_key': 'news_hk', 'keys': ['source', 'article_id']}, {'hash_key': 'asset_hk', 'keys': ['symbol']}]
) }}
