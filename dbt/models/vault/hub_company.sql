{{ config(materialized='incremental', on_schema_change='fail') }}
{% set keys %}
    select company_id, synced_at as load_date, 'raw.companies' as record_source from {{ ref('stg_companies') }}
    union all
    select company_id, synced_at as load_date, 'raw.customer_companies' as record_source from {{ ref('stg_customer_companies') }}
{% endset %}
{{ ledgerline.dv_hub(keys, 'company_hk', ['company_id']) }}
