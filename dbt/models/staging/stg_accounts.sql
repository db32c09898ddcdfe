-- One row per live account: RAW renamed and typed, tombstones dropped.
with

source as (

    select * from {{ source('raw', 'accounts') }}
    -- rows deleted in Postgres stay in RAW as tombstones; they end here (see stg_deletions)
    where not coalesce(_deleted, false)

),

renamed as (

    select
        account_id,
        customer_id,
        account_type,
        currency as account_currency,
        {{ ledgerline.money('balance') }} as current_balance,
        status as account_status,
        opened_at,
        updated_at,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at

    from source

),

final as (

    select
        *,
        cast({{ ledgerline.to_utc_timestamp('opened_at') }} as date) as opened_date

    from renamed

)

select * from final
