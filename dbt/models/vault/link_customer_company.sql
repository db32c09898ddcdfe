{{ config(materialized='incremental', on_schema_change='fail') }}
-- Who acts for which company (the role and since when: sat_customer_company_role).
{{ ledgerline.dv_link(
    "select customer_id, company_id, synced_at as load_date, 'raw.customer_companies' as record_source from " ~ ref('stg_customer_companies'),
    'customer_company_hk',
    [{'hash_key': 'customer_hk', 'keys': ['customer_id']}, {'hash_key': 'company_hk', 'keys': ['company_id']}]
) }}
