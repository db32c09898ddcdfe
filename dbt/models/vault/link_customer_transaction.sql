{{ config(materialized='incremental', on_schema_change='fail') }}
-- The customer whose account a transaction is on.
{{ ledgerline.dv_link(
    "select customer_id, tx_id, synced_at as load_date, 'raw.transactions' as record_source from " ~ ref('stg_transaction_parties'),
    'customer_transaction_hk',
    [{'hash_key': 'customer_hk', 'keys': ['customer_id']}, {'hash_key': 'transaction_hk', 'keys': ['tx_id']}]
) }}
