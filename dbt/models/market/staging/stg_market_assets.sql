-- The seed asset list, with the lineage columns the vault needs. A seed has no load time of its
-- own: the build's time is used, and a rebuild adds no vault row unless the seed changed.
select
    symbol,
    asset_name,
    asset_class,
    category,
    market_cap_usd,
    'seed:market_assets' as record_source,
    cast({{ dbt.current_timestamp() }} as {{ dbt.type_timestamp() }}) as load_date
from {{ ref('market_assets') }}
