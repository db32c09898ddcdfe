-- Income, spend and net per customer and month, in the base currency. Transfers are left out
-- (they move money between a customer's own accounts or to others without being income or
-- spend), as are transactions that moved no money (DECLINED, REVERSED).
with

transactions as (

    select * from {{ ref('fct_transactions') }}
    where is_spend or is_income

),

final as (

    select
        customer_id,
        occurred_month as month_start,
        {{ ledgerline.money('sum(case when is_income then normalized_amount else 0 end)') }} as income_amount,
        {{ ledgerline.money('sum(case when is_spend then normalized_amount else 0 end)') }} as spend_amount,
        {{ ledgerline.money('sum(signed_normalized_amount)') }} as net_amount,
        sum(case when is_income then 1 else 0 end) as income_tx_count,
        sum(case when is_spend then 1 else 0 end) as spend_tx_count,
        '{{ var("base_currency") }}' as base_currency

    from transactions
    group by customer_id, occurred_month

)

select * from final
