{#
  One row per news item x asset it mentions (the news-asset link), with the article's latest
  content and the asset's price at publication:
    price_at_publication  the close of the latest bar of the reference series (source
                          var news_price_source, default yahoo: the one source with daily bars of
                          both asset classes; interval 1d) that closed at or before published_at;
                          null when no bar closed in the news_price_max_age_days (default 4)
                          before it: news before the series starts, long after it ends, or in a
                          gap longer than that. Four days cover a stock's weekend plus a holiday,
                          so Saturday's news is priced at Friday's close.
    price_time            that bar's close_time (how old the price was at publication).
  A link once seen stays (the vault has no effectivity satellite): an article whose mentions were
  later replaced in RAW keeps its old rows here.
#}
{% set max_age_days = var('news_price_max_age_days', 4) %}

with

content as (
    select
        sat.*,
        row_number() over (partition by news_hk order by load_date desc) as recency
    from {{ ref('sat_news_content') }} as sat
),

events as (
    select
        link.news_asset_hk,
        link.news_hk,
        link.asset_hk,
        news.source as news_source,
        news.article_id,
        asset.symbol,
        content.published_at,
        content.title,
        content.url
    from {{ ref('link_news_asset') }} as link
    inner join {{ ref('hub_news') }} as news
        on news.news_hk = link.news_hk
    inner join {{ ref('hub_asset') }} as asset
        on asset.asset_hk = link.asset_hk
    inner join content
        on content.news_hk = link.news_hk
       and content.recency = 1
),

reference_bars as (
    select asset_hk, source, close_time, close_price, quote_currency
    from {{ ref('fct_asset_prices') }}
    where source = '{{ var("news_price_source", "yahoo") }}'
      and bar_interval = '1d'
),

-- The bars that closed in the max-age window before publication; the latest one is the price.
candidates as (
    select
        events.news_asset_hk,
        bars.source as price_source,
        bars.close_time,
        bars.close_price,
        bars.quote_currency,
        row_number() over (partition by events.news_asset_hk order by bars.close_time desc) as recency
    from events
    inner join reference_bars as bars
        on bars.asset_hk = events.asset_hk
       and bars.close_time <= events.published_at
       and bars.close_time > {{ dbt.dateadd('day', -max_age_days, 'events.published_at') }}
)

select
    events.news_asset_hk,
    events.news_hk,
    events.asset_hk,
    events.news_source,
    events.article_id,
    events.symbol,
    events.published_at,
    cast(events.published_at as date) as published_date,
    events.title,
    events.url,
    candidates.price_source,
    candidates.close_time as price_time,
    candidates.close_price as price_at_publication,
    candidates.quote_currency
from events
left join candidates
    on candidates.news_asset_hk = events.news_asset_hk
   and candidates.recency = 1
{{ series_order(['events.symbol', 'events.published_at desc', 'events.news_source', 'events.article_id']) }}
