{#
  What an asset did after a news item that mentions it, against what it usually does: one row per
  news item x asset x window (var news_impact_windows_days, default 1, 3 and 7 days). On the
  reference series of fct_news_events (daily closes of one source), with P(t) = the close of the
  latest bar that closed in (t - news_price_max_age_days, t] (fct_news_events' price rule):
    asset_return     P(published_at + w days) / P(published_at) - 1; null when either price is
                     null or the series' last bar closes before published_at + w days (the
                     window has not fully elapsed in the data, so no partial window is shown)
    baseline_return  the mean, over every bar b of the same series with
                     published_at - news_baseline_days (default 30) <= b.close_time and
                     b.close_time + w days <= published_at, of P(b.close_time + w days) /
                     close(b) - 1: the asset's usual w-day return in the month before, over
                     windows that all ended by publication (the news cannot leak into it);
                     null when no such window exists
    excess_return    asset_return - baseline_return
  Returns are double precision on closes cast to double.
#}
{% set max_age_days = var('news_price_max_age_days', 4) %}
{% set baseline_days = var('news_baseline_days', 30) %}
{% set windows = var('news_impact_windows_days', [1, 3, 7]) %}
{% set float = 'double precision' %}

with

events as (
    select * from {{ ref('fct_news_events') }}
),

windows as (
{% for days in windows %}
    select {{ days }} as window_days
    {% if not loop.last %}union all{% endif %}
{% endfor %}
),

bars as (
    select asset_hk, close_time, cast(close_price as {{ float }}) as close_value
    from {{ ref('fct_asset_prices') }}
    where source = '{{ var("news_price_source", "yahoo") }}'
      and bar_interval = '1d'
),

coverage as (
    select asset_hk, max(close_time) as last_close_time
    from bars
    group by asset_hk
),

-- Every bar's forward return over each window (the baseline's samples), where the window has
-- elapsed in the data.
bar_windows as (
    select
        bars.asset_hk,
        bars.close_time,
        bars.close_value,
        windows.window_days,
        {{ dbt.dateadd('day', 'windows.window_days', 'bars.close_time') }} as window_end_at
    from bars
    cross join windows
    inner join coverage
        on coverage.asset_hk = bars.asset_hk
    where {{ dbt.dateadd('day', 'windows.window_days', 'bars.close_time') }} <= coverage.last_close_time
),

bar_window_ends as (
    select
        bar_windows.asset_hk,
        bar_windows.close_time,
        bar_windows.window_days,
        bar_windows.window_end_at,
        bar_windows.close_value as start_value,
        ends.close_value as end_value,
        row_number() over (partition by bar_windows.asset_hk, bar_windows.close_time, bar_windows.window_days order by ends.close_time desc) as recency
    from bar_windows
    inner join bars as ends
        on ends.asset_hk = bar_windows.asset_hk
       and ends.close_time <= bar_windows.window_end_at
       and ends.close_time > {{ dbt.dateadd('day', -max_age_days, 'bar_windows.window_end_at') }}
),

bar_returns as (
    select asset_hk, close_time, window_days, window_end_at, end_value / start_value - 1 as window_return
    from bar_window_ends
    where recency = 1 and start_value > 0
),

event_windows as (
    select
        events.news_asset_hk,
        events.asset_hk,
        events.published_at,
        events.price_time,
        events.price_at_publication,
        windows.window_days,
        {{ dbt.dateadd('day', 'windows.window_days', 'events.published_at') }} as window_end_at
    from events
    cross join windows
),

event_ends as (
    select
        event_windows.news_asset_hk,
        event_windows.window_days,
        ends.close_time,
        ends.close_value,
        row_number() over (partition by event_windows.news_asset_hk, event_windows.window_days order by ends.close_time desc) as recency
    from event_windows
    inner join coverage
        on coverage.asset_hk = event_windows.asset_hk
       and event_windows.window_end_at <= coverage.last_close_time
    inner join bars as ends
        on ends.asset_hk = event_windows.asset_hk
       and ends.close_time <= event_windows.window_end_at
       and ends.close_time > {{ dbt.dateadd('day', -max_age_days, 'event_windows.window_end_at') }}
    where event_windows.price_at_publication is not null
),

baselines as (
    select
        event_windows.news_asset_hk,
        event_windows.window_days,
        avg(bar_returns.window_return) as baseline_return,
        count(*) as baseline_windows
    from event_windows
    inner join bar_returns
        on bar_returns.asset_hk = event_windows.asset_hk
       and bar_returns.window_days = event_windows.window_days
       and bar_returns.close_time >= {{ dbt.dateadd('day', -baseline_days, 'event_windows.published_at') }}
       and bar_returns.window_end_at <= event_windows.published_at
    group by event_windows.news_asset_hk, event_windows.window_days
),

impact as (
    select
        event_windows.news_asset_hk,
        event_windows.window_days,
        event_windows.window_end_at,
        event_windows.price_time as start_time,
        event_windows.price_at_publication as start_price,
        event_ends.close_time as end_time,
        event_ends.close_value as end_value,
        case when cast(event_windows.price_at_publication as {{ float }}) > 0 and event_ends.close_value is not null
            then event_ends.close_value / cast(event_windows.price_at_publication as {{ float }}) - 1
        end as asset_return,
        baselines.baseline_return,
        coalesce(baselines.baseline_windows, 0) as baseline_windows
    from event_windows
    left join event_ends
        on event_ends.news_asset_hk = event_windows.news_asset_hk
       and event_ends.window_days = event_windows.window_days
       and event_ends.recency = 1
    left join baselines
        on baselines.news_asset_hk = event_windows.news_asset_hk
       and baselines.window_days = event_windows.window_days
)

select
    events.news_asset_hk,
    events.news_hk,
    events.asset_hk,
    events.news_source,
    events.article_id,
    events.symbol,
    events.published_at,
    impact.window_days,
    impact.window_end_at,
    impact.start_time,
    impact.start_price,
    impact.end_time,
    impact.asset_return,
    impact.baseline_return,
    impact.baseline_windows,
    impact.asset_return - impact.baseline_return as excess_return
from impact
inner join events
    on events.news_asset_hk = impact.news_asset_hk
{{ series_order(['events.symbol', 'events.published_at desc', 'events.news_source', 'events.article_id', 'impact.window_days']) }}
