{{ config(materialized='incremental', on_schema_change='fail') }}
{{ ledgerline.dv_satellite(
    'select * from ' ~ ref('stg_market_news'),
    'news_hk', ['source', 'article_id'],
    ['published_at', 'title', 'summary', 'url']
) }}
