{{ config(materialized='incremental', on_schema_change='fail') }}
-- updated_at is not payload: it is bookkeeping that moves with every change, so a change that is
-- none for the vault (surrounding whitespace, docs/data-vault.md) must not add a row through it.
{{ ledgerline.dv_satellite(
    "select *, synced_at as load_date, 'raw.customers' as record_source from " ~ ref('stg_customers'),
    'customer_hk', ['customer_id'],
    ['customer_kind', 'persona', 'customer_name', 'email', 'city', 'state', 'country', 'created_at']
) }}
