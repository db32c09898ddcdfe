-- One row per asset: the hub with its latest details.
with

details as (
    select
        sat.*,
        row_number() over (partition by asset_hk order by load_date desc) as recency
    from {{ ref('sat_asset_details') }} as sat
)

select
    hub.asset_hk,
    hub.symbol,
    details.asset_name,
    details.asset_class,
    details.category,
    -- decimal with a scale: both engines' drivers then return it as a decimal, not an integer
    cast(details.market_cap_usd as decimal(38, 2)) as market_cap_usd
from {{ ref('hub_asset') }} as hub
left join details
    on details.asset_hk = hub.asset_hk
   and details.recency = 1
