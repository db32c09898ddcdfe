{{ config(materialized='incremental', on_schema_change='fail') }}
{{ ledgerline.dv_hub(
    "select tx_id, synced_at as load_date, 'raw.transactions' as record_source from " ~ ref('stg_transactions'),
    'transaction_hk', ['tx_id']
) }}
