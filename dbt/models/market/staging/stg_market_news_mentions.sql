select
    source,
    article_id,
    upper(trim(symbol)) as symbol,
    record_source,
    loaded_at as load_date
from {{ source('market_raw', 'market_news_mentions') }}
