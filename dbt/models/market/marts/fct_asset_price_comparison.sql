-- One asset across sources: for each bar time, each source's close against the mean of all
-- sources' closes (deviation in basis points) and the spread between the highest and lowest.
with

prices as (
    select symbol, bar_interval, open_time, source, close_price
    from {{ ref('fct_asset_prices') }}
),

per_bar as (
    select
        symbol,
        bar_interval,
        open_time,
        count(*) as source_count,
        -- a double on every engine (DuckDB's avg of a decimal is one; Trino's would stay decimal)
        cast(avg(close_price) as double precision) as mean_close,
        min(close_price) as min_close,
        max(close_price) as max_close
    from prices
    group by symbol, bar_interval, open_time
)

select
    prices.symbol,
    prices.bar_interval,
    prices.open_time,
    prices.source,
    prices.close_price,
    per_bar.source_count,
    per_bar.mean_close,
    per_bar.min_close,
    per_bar.max_close,
    -- basis points to 4 decimals: the engines' float division differs in the last digits
    case when per_bar.mean_close > 0
        then round(cast((prices.close_price - per_bar.mean_close) as double precision) / cast(per_bar.mean_close as double precision) * 10000, 4)
    end as deviation_bps,
    case when per_bar.mean_close > 0
        then round(cast((per_bar.max_close - per_bar.min_close) as double precision) / cast(per_bar.mean_close as double precision) * 10000, 4)
    end as spread_bps
from prices
inner join per_bar
    on per_bar.symbol = prices.symbol
   and per_bar.bar_interval = prices.bar_interval
   and per_bar.open_time = prices.open_time
{{ series_order(['prices.symbol', 'prices.bar_interval', 'prices.open_time desc', 'prices.source']) }}
