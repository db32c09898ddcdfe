-- One row per change event of public.accounts (raw.cdc_public_accounts): its Kafka position, op and
-- log position, and the row image (the new row; the old row for a delete) as typed columns named
-- as in stg_accounts. A truncate has no image: its columns are null.
with

source as (

    select * from {{ ledgerline.cdc_change_log('cdc_public_accounts') }}

),

imaged as (

    select
        kafka_partition,
        kafka_offset,
        op,
        lsn,
        source_ts_ms,
        coalesce(after_json, before_json) as image

    from source

),

final as (

    select
        kafka_partition,
        kafka_offset,
        op,
        lsn,
        source_ts_ms,
        coalesce(position('__debezium_unavailable_value' in image) > 0, false) as has_unavailable_value,
        {{ ledgerline.cdc_text('image', 'account_id') }} as account_id,
        {{ ledgerline.cdc_text('image', 'customer_id') }} as customer_id,
        {{ ledgerline.cdc_text('image', 'account_type') }} as account_type,
        {{ ledgerline.cdc_text('image', 'currency') }} as account_currency,
        {{ ledgerline.money(ledgerline.cdc_text('image', 'balance')) }} as current_balance,
        {{ ledgerline.cdc_text('image', 'status') }} as account_status,
        {{ ledgerline.cdc_timestamp(ledgerline.cdc_text('image', 'opened_at')) }} as opened_at,
        {{ ledgerline.cdc_timestamp(ledgerline.cdc_text('image', 'updated_at')) }} as updated_at,
        cast({{ ledgerline.cdc_text('image', 'change_seq') }} as {{ dbt.type_bigint() }}) as change_seq

    from imaged

)

select * from final
