-- One row per live transaction: RAW renamed and typed, tombstones dropped.
with

source as (

    select * from {{ source('raw', 'transactions') }}
    -- rows deleted in Postgres stay in RAW as tombstones; they end here (see stg_deletions)
    where not coalesce(_deleted, false)

),

renamed as (

    select
        -- keys
        tx_id,
        account_id,
        related_account_id,

        -- what happened
        occurred_at,
        direction,
        txn_type,
        status,
        channel,
        {{ ledgerline.money('amount') }} as amount,
        currency,
        {{ ledgerline.money('normalized_amount') }} as normalized_amount,
        cast(is_recurring as {{ dbt.type_boolean() }}) as is_recurring,
        description,

        -- an investment trade's order (null unless txn_type = 'TRADE'; docs/trades.md)
        asset_symbol,
        cast(quantity as decimal(28, 8)) as quantity,
        cast(unit_price as decimal(28, 8)) as unit_price,
        {{ ledgerline.money('fee') }} as fee,

        -- where and with whom
        merchant,
        mcc,
        category,
        subcategory,
        city as merchant_city,
        state as merchant_state,
        country as merchant_country,

        -- lineage
        source as ingestion_source,
        source_ref as ingestion_ref,
        ingested_at,
        updated_at,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at

    from source

),

final as (

    select
        *,
        -- calendar attributes are taken in UTC on every engine (macros/to_utc_timestamp.sql)
        {{ ledgerline.to_utc_timestamp('occurred_at') }} as occurred_at_utc,
        cast({{ ledgerline.to_utc_timestamp('occurred_at') }} as date) as occurred_date

    from renamed

)

select * from final
