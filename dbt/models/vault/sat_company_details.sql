{{ config(materialized='incremental', on_schema_change='fail') }}
{{ ledgerline.dv_satellite(
    "select *, synced_at as load_date, 'raw.companies' as record_source from " ~ ref('stg_companies'),
    'company_hk', ['company_id'],
    ['company_name', 'registration_number', 'industry', 'city', 'country', 'founded_at']
) }}
