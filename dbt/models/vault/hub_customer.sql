{{ config(materialized='incremental', on_schema_change='fail') }}
{% set keys %}
    select customer_id, synced_at as load_date, 'raw.customers' as record_source from {{ ref('stg_customers') }}
    union all
    select customer_id, synced_at as load_date, 'raw.customer_companies' as record_source from {{ ref('stg_customer_companies') }}
{% endset %}
{{ ledgerline.dv_hub(keys, 'customer_hk', ['customer_id']) }}
