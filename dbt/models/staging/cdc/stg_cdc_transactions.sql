-- One row per change event of public.transactions (raw.cdc_public_transactions): its Kafka position, op and
-- log position, and the row image (the new row; the old row for a delete) as typed columns named
-- as in stg_transactions. A truncate has no image: its columns are null.
with

source as (

    select * from {{ ledgerline.cdc_change_log('cdc_public_transactions') }}

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
        {{ ledgerline.cdc_text('image', 'tx_id') }} as tx_id,
        {{ ledgerline.cdc_text('image', 'account_id') }} as account_id,
        {{ ledgerline.cdc_text('image', 'related_account_id') }} as related_account_id,
        {{ ledgerline.cdc_timestamp(ledgerline.cdc_text('image', 'occurred_at')) }} as occurred_at,
        {{ ledgerline.cdc_text('image', 'direction') }} as direction,
        {{ ledgerline.cdc_text('image', 'txn_type') }} as txn_type,
        {{ ledgerline.cdc_text('image', 'status') }} as status,
        {{ ledgerline.cdc_text('image', 'channel') }} as channel,
        {{ ledgerline.money(ledgerline.cdc_text('image', 'amount')) }} as amount,
        {{ ledgerline.cdc_text('image', 'currency') }} as currency,
        {{ ledgerline.money(ledgerline.cdc_text('image', 'normalized_amount')) }} as normalized_amount,
        cast({{ ledgerline.cdc_text('image', 'is_recurring') }} as {{ dbt.type_boolean() }}) as is_recurring,
        {{ ledgerline.cdc_text('image', 'description') }} as description,
        {{ ledgerline.cdc_text('image', 'merchant') }} as merchant,
        {{ ledgerline.cdc_text('image', 'mcc') }} as mcc,
        {{ ledgerline.cdc_text('image', 'category') }} as category,
        {{ ledgerline.cdc_text('image', 'subcategory') }} as subcategory,
        {{ ledgerline.cdc_text('image', 'city') }} as merchant_city,
        {{ ledgerline.cdc_text('image', 'state') }} as merchant_state,
        {{ ledgerline.cdc_text('image', 'country') }} as merchant_country,
        {{ ledgerline.cdc_text('image', 'source') }} as ingestion_source,
        {{ ledgerline.cdc_text('image', 'source_ref') }} as ingestion_ref,
        {{ ledgerline.cdc_timestamp(ledgerline.cdc_text('image', 'ingested_at')) }} as ingested_at,
        {{ ledgerline.cdc_timestamp(ledgerline.cdc_text('image', 'updated_at')) }} as updated_at,
        cast({{ ledgerline.cdc_text('image', 'change_seq') }} as {{ dbt.type_bigint() }}) as change_seq

    from imaged

)

select * from final
