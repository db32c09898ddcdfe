-- One row per live customer: RAW renamed and typed, tombstones dropped.
with

source as (

    select * from {{ source('raw', 'customers') }}
    -- rows deleted in Postgres stay in RAW as tombstones; they end here (see stg_deletions)
    where not coalesce(_deleted, false)

),

renamed as (

    select
        customer_id,
        kind as customer_kind,
        persona,
        name as customer_name,
        email,
        city,
        state,
        country,
        created_at,
        updated_at,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at

    from source

),

final as (

    select
        *,
        cast({{ ledgerline.to_utc_timestamp('created_at') }} as date) as created_date

    from renamed

)

select * from final
