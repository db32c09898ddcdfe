-- Spend per customer, category and month: DEBIT transactions that are not transfers and moved
-- money (POSTED or PENDING), summed in the base currency.
with

spend as (

    select * from {{ ref('fct_transactions') }}
    where is_spend

),

final as (

    select
        customer_id,
        category,
        occurred_month as month_start,
        {{ ledgerline.money('sum(normalized_amount)') }} as spend_amount,
        count(*) as tx_count,
        '{{ var("base_currency") }}' as base_currency

    from spend
    group by customer_id, category, occurred_month

)

select * from final
