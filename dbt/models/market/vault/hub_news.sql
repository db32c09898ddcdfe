{{ config(materialized='incremental', on_schema_change='fail') }}
{{ ledgerline.dv_hub('select source, article_id, load_date, record_source from ' ~ ref('stg_market_news'), 'news_hk', ['source', 'article_id']) }}
