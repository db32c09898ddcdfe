-- Semantic layer: customers in business terms, with the company a corporate customer banks for.
select
    customers.customer_id,
    customers.customer_name,
    case customers.customer_kind when 'CORPORATE' then 'Corporate' else 'Personal' end as customer_type,
    customers.persona as segment,
    customers.city,
    customers.country,
    customers.created_date as customer_since,
    customers.account_count as accounts,
    companies.company_name as company
from {{ ref('dim_customer') }} as customers
left join {{ ref('dim_company') }} as companies
    on companies.account_holder_customer_id = upper(trim(customers.customer_id))
