{#
  Technical indicators per series (source, symbol, interval), on double-precision closes, with
  the warm-up conventions of the usual libraries (and of the one the tests compare with):
    SMA n            mean of the last n closes; null for the first n-1 bars
    Bollinger(20,2)  SMA 20 +/- 2 population standard deviations of the same 20 closes
    EMA n            seeded with the SMA of the first n closes at bar n, then
                     ema = (close - ema_prev) * 2/(n+1) + ema_prev
    MACD(12,26,9)    ema12 - ema26 from bar 26; signal = EMA 9 of MACD seeded with the mean of
                     its first 9 values (bar 34); histogram = MACD - signal
    RSI 14 (Wilder)  first averages = mean gain / mean loss of the first 14 changes (bar 15), then
                     avg = (avg_prev * 13 + current) / 14; RSI = 100 - 100 / (1 + gain / loss),
                     100 when the average loss is 0, 0 when the average gain is 0
  A gap (a missing bar) is not filled: indicators run over the bars that exist, in order.
  The recursive part walks each series bar by bar (the EMA and Wilder averages depend on the
  previous value), so its depth is the longest series.
  Not built on Trino: Trino unrolls WITH RECURSIVE into the plan (max_recursion_depth), and a
  245-bar series already overflows its analyser (docs/trino.md). DuckDB and Snowflake build it.
#}
{{ config(enabled=(target.type != 'trino')) }}
{# double precision on both engines (dbt.type_float() is a 4-byte float on DuckDB) #}
{% set float = 'double precision' %}
{# The recursive step's expressions, written once (no LATERAL: keep to SQL both engines run). #}
{% set gain = "(case when nxt.close_value > prev.close_value then nxt.close_value - prev.close_value else 0 end)" %}
{% set loss = "(case when nxt.close_value < prev.close_value then prev.close_value - nxt.close_value else 0 end)" %}
{% set ema12 = "(case when nxt.bar_number < 12 then null when nxt.bar_number = 12 then (prev.sum12 + nxt.close_value) / 12 else (nxt.close_value - prev.ema12) * (2.0 / 13) + prev.ema12 end)" %}
{% set ema26 = "(case when nxt.bar_number < 26 then null when nxt.bar_number = 26 then (prev.sum26 + nxt.close_value) / 26 else (nxt.close_value - prev.ema26) * (2.0 / 27) + prev.ema26 end)" %}
{% set macd = "(" ~ ema12 ~ " - " ~ ema26 ~ ")" %}
with recursive

{# Trino wants a column list on every query of a WITH RECURSIVE, not only the recursive one. #}
bars (source, symbol, bar_interval, open_time, close_value, bar_number) as (
    select
        source,
        symbol,
        bar_interval,
        open_time,
        cast(close_price as {{ float }}) as close_value,
        row_number() over (partition by source, symbol, bar_interval order by open_time) as bar_number
    from {{ ref('fct_asset_prices') }}
),

steps (source, symbol, bar_interval, bar_number, open_time, close_value,
       sum12, sum26, ema12, ema26, macd, macd_sum9, signal_value,
       gain_sum, loss_sum, avg_gain, avg_loss) as (
    select
        source, symbol, bar_interval, bar_number, open_time, close_value,
        close_value, close_value,
        cast(null as {{ float }}), cast(null as {{ float }}), cast(null as {{ float }}), cast(null as {{ float }}), cast(null as {{ float }}),
        cast(0 as {{ float }}), cast(0 as {{ float }}), cast(null as {{ float }}), cast(null as {{ float }})
    from bars
    where bar_number = 1

    union all

    select
        nxt.source, nxt.symbol, nxt.bar_interval, nxt.bar_number, nxt.open_time, nxt.close_value,
        prev.sum12 + nxt.close_value,
        prev.sum26 + nxt.close_value,
        {{ ema12 }},
        {{ ema26 }},
        {{ macd }},
        case when nxt.bar_number between 26 and 34 then coalesce(prev.macd_sum9, 0) + {{ macd }} else prev.macd_sum9 end,
        case
            when nxt.bar_number < 34 then null
            when nxt.bar_number = 34 then (coalesce(prev.macd_sum9, 0) + {{ macd }}) / 9
            else ({{ macd }} - prev.signal_value) * (2.0 / 10) + prev.signal_value
        end,
        prev.gain_sum + {{ gain }},
        prev.loss_sum + {{ loss }},
        case
            when nxt.bar_number < 15 then null
            when nxt.bar_number = 15 then (prev.gain_sum + {{ gain }}) / 14
            else (prev.avg_gain * 13 + {{ gain }}) / 14
        end,
        case
            when nxt.bar_number < 15 then null
            when nxt.bar_number = 15 then (prev.loss_sum + {{ loss }}) / 14
            else (prev.avg_loss * 13 + {{ loss }}) / 14
        end
    from steps as prev
    inner join bars as nxt
        on nxt.source = prev.source
       and nxt.symbol = prev.symbol
       and nxt.bar_interval = prev.bar_interval
       and nxt.bar_number = prev.bar_number + 1
),

windows (source, symbol, bar_interval, open_time, bar_number, mean20, sd20, mean50, mean200) as (
    select
        source, symbol, bar_interval, open_time, bar_number,
        avg(close_value) over (partition by source, symbol, bar_interval order by bar_number rows between 19 preceding and current row) as mean20,
        stddev_pop(close_value) over (partition by source, symbol, bar_interval order by bar_number rows between 19 preceding and current row) as sd20,
        avg(close_value) over (partition by source, symbol, bar_interval order by bar_number rows between 49 preceding and current row) as mean50,
        avg(close_value) over (partition by source, symbol, bar_interval order by bar_number rows between 199 preceding and current row) as mean200
    from bars
)

select
    steps.source,
    steps.symbol,
    steps.bar_interval,
    steps.open_time,
    steps.bar_number,
    steps.close_value as close_price,
    case when steps.bar_number >= 20 then windows.mean20 end as sma_20,
    case when steps.bar_number >= 50 then windows.mean50 end as sma_50,
    case when steps.bar_number >= 200 then windows.mean200 end as sma_200,
    steps.ema12 as ema_12,
    steps.ema26 as ema_26,
    steps.macd as macd,
    steps.signal_value as macd_signal,
    steps.macd - steps.signal_value as macd_histogram,
    case
        when steps.avg_gain is null then null
        when steps.avg_loss = 0 then 100
        when steps.avg_gain = 0 then 0
        else 100 - 100 / (1 + steps.avg_gain / steps.avg_loss)
    end as rsi_14,
    case when steps.bar_number >= 20 then windows.mean20 end as bollinger_middle,
    case when steps.bar_number >= 20 then windows.mean20 + 2 * windows.sd20 end as bollinger_upper,
    case when steps.bar_number >= 20 then windows.mean20 - 2 * windows.sd20 end as bollinger_lower
from steps
inner join windows
    on windows.source = steps.source
   and windows.symbol = steps.symbol
   and windows.bar_interval = steps.bar_interval
   and windows.bar_number = steps.bar_number
{{ series_order(['steps.symbol', 'steps.bar_interval', 'steps.source', 'steps.open_time desc']) }}
