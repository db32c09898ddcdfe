-- One row per live account with its current balance and owner.
with

accounts as (

    select * from {{ ref('stg_accounts') }}

),

final as (

    select
        account_id,
        customer_id,
        account_type,
        account_currency,
        current_balance,
        account_status,
        opened_at,
        opened_date,
        updated_at

    from accounts

)

select * from final
