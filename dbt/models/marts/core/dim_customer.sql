-- One row per live customer (current attributes; history is in dim_customer_history).
with

customers as (

    select * from {{ ref('stg_customers') }}

),

accounts as (

    select * from {{ ref('stg_accounts') }}

),

account_counts as (

    select
        customer_id,
        count(*) as account_count,
        min(opened_date) as first_account_opened_date
    from accounts
    group by customer_id

),

final as (

    select
        customers.customer_id,
        customers.customer_kind,
        customers.persona,
        customers.customer_name,
        customers.email,
        customers.city,
        customers.state,
        customers.country,
        customers.created_at,
        customers.created_date,
        customers.updated_at,
        coalesce(account_counts.account_count, 0) as account_count,
        account_counts.first_account_opened_date

    from customers
    left join account_counts
        on account_counts.customer_id = customers.customer_id

)

select * from final
