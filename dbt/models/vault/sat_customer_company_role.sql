{{ config(materialized='incremental', on_schema_change='fail') }}
-- The role of a customer-company link and since when (on link_customer_company).
{{ ledgerline.dv_satellite(
    "select *, synced_at as load_date, 'raw.customer_companies' as record_source from " ~ ref('stg_customer_companies'),
    'customer_company_hk', ['customer_id', 'company_id'],
    ['relationship_id', 'company_role', 'linked_at']
) }}
