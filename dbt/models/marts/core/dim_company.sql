-- One row per company (issue #18), read from the Data Vault: the hub, the latest version of its
-- details satellite, and who acts for it through the customer-company link and its role satellite.
with

companies as (

    select company_hk, company_id from {{ ref('hub_company') }}

),

details as (

    select *
    from (
        select
            sat.*,
            row_number() over (partition by company_hk order by load_date desc) as recency
        from {{ ref('sat_company_details') }} as sat
    ) as versions
    where recency = 1

),

roles as (

    select *
    from (
        select
            sat.*,
            row_number() over (partition by customer_company_hk order by load_date desc) as recency
        from {{ ref('sat_customer_company_role') }} as sat
    ) as versions
    where recency = 1

),

people as (

    select
        link.company_hk,
        min(case when roles.company_role = 'ACCOUNT_HOLDER' then customers.customer_id end) as account_holder_customer_id,
        sum(case when roles.company_role = 'SIGNATORY' then 1 else 0 end) as signatory_count
    from {{ ref('link_customer_company') }} as link
    inner join roles on roles.customer_company_hk = link.customer_company_hk
    inner join {{ ref('hub_customer') }} as customers on customers.customer_hk = link.customer_hk
    group by link.company_hk

),

final as (

    select
        companies.company_hk,
        companies.company_id,
        details.company_name,
        details.registration_number,
        details.industry,
        details.city,
        details.country,
        details.founded_at,
        cast({{ ledgerline.to_utc_timestamp('details.founded_at') }} as date) as founded_date,
        people.account_holder_customer_id,
        coalesce(people.signatory_count, 0) as signatory_count,
        details.load_date as details_loaded_at

    from companies
    inner join details on details.company_hk = companies.company_hk
    left join people on people.company_hk = companies.company_hk

)

select * from final
