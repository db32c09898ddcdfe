-- One row per change event of public.customers (raw.cdc_public_customers): its Kafka position, op and
-- log position, and the row image (the new row; the old row for a delete) as typed columns named
-- as in stg_customers. A truncate has no image: its columns are null.
with

source as (

    select * from {{ ledgerline.cdc_change_log('cdc_public_customers') }}

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
        {{ ledgerline.cdc_text('image', 'customer_id') }} as customer_id,
        {{ ledgerline.cdc_text('image', 'kind') }} as customer_kind,
        {{ ledgerline.cdc_text('image', 'persona') }} as persona,
        {{ ledgerline.cdc_text('image', 'name') }} as customer_name,
        {{ ledgerline.cdc_text('image', 'email') }} as email,
        {{ ledgerline.cdc_text('image', 'city') }} as city,
        {{ ledgerline.cdc_text('image', 'state') }} as state,
        {{ ledgerline.cdc_text('image', 'country') }} as country,
        {{ ledgerline.cdc_timestamp(ledgerline.cdc_text('image', 'created_at')) }} as created_at,
        {{ ledgerline.cdc_timestamp(ledgerline.cdc_text('image', 'updated_at')) }} as updated_at,
        cast({{ ledgerline.cdc_text('image', 'change_seq') }} as {{ dbt.type_bigint() }}) as change_seq

    from imaged

)

select * from final
