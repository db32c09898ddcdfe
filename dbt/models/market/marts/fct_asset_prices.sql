-- One row per bar (source, symbol, interval, open_time): the latest version in the satellites.
with

bars as (
    select 'crypto' as asset_class, sat.* from {{ ref('sat_crypto_prices') }} as sat
    union all
    select 'stock' as asset_class, sat.* from {{ ref('sat_stock_prices') }} as sat
),

latest as (
    select
        bars.*,
        row_number() over (partition by asset_hk, source, bar_interval, open_time order by load_date desc) as recency
    from bars
)

select
    latest.asset_hk,
    hub.symbol,
    latest.asset_class,
    latest.source,
    latest.bar_interval,
    latest.open_time,
    latest.close_time,
    cast(latest.open_time as date) as price_date,
    latest.quote_currency,
    latest.open_price,
    latest.high_price,
    latest.low_price,
    latest.close_price,
    latest.volume,
    latest.quote_volume,
    latest.record_source,
    latest.load_date
from latest
inner join {{ ref('hub_asset') }} as hub
    on hub.asset_hk = latest.asset_hk
where latest.recency = 1
