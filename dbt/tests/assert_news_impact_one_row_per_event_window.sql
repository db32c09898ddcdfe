-- fct_asset_news_impact holds exactly one row per (news event, window): every event of
-- fct_news_events times every configured window, none twice.
{% set windows = var('news_impact_windows_days', [1, 3, 7]) %}
with per_event as (
    select news_asset_hk, count(*) as windows, count(distinct window_days) as distinct_windows
    from {{ ref('fct_asset_news_impact') }}
    group by news_asset_hk
)
select events.news_asset_hk, per_event.windows, per_event.distinct_windows
from {{ ref('fct_news_events') }} as events
left join per_event
    on per_event.news_asset_hk = events.news_asset_hk
where coalesce(per_event.windows, 0) != {{ windows | length }}
   or coalesce(per_event.distinct_windows, 0) != {{ windows | length }}
