{{ config(materialized='incremental', on_schema_change='fail') }}
-- A corporate customer's transaction, linked to the company the customer holds the account for.
{{ ledgerline.dv_link(
    "select company_id, tx_id, synced_at as load_date, 'raw.transactions' as record_source from " ~ ref('stg_transaction_parties') ~ " where company_id is not null",
    'company_transaction_hk',
    [{'hash_key': 'company_hk', 'keys': ['company_id']}, {'hash_key': 'transaction_hk', 'keys': ['tx_id']}]
) }}
