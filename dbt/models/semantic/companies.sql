-- Semantic layer: companies in business terms (docs/data-vault.md "Semantic layer").
select
    company_id,
    company_name,
    industry,
    city,
    country,
    founded_date,
    account_holder_customer_id as account_holder,
    signatory_count as signatories
from {{ ref('dim_company') }}
