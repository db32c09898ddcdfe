select
    source,
    article_id,
    published_at,
    title,
    summary,
    url,
    record_source,
    loaded_at as load_date
from {{ source('market_raw', 'market_news') }}
