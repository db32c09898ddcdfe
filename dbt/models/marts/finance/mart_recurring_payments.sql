-- Recurring payments per customer and merchant: is_recurring debits that moved money, seen in
-- at least two distinct months (one payment is not yet a pattern).
with

payments as (

    select * from {{ ref('fct_transactions') }}
    where is_recurring
        and direction = 'DEBIT'
        and affects_balance
        and merchant is not null
        and customer_id is not null

),

final as (

    select
        customer_id,
        merchant_key,
        merchant,
        max(category) as category,
        count(distinct occurred_month) as months_seen,
        count(*) as payment_count,
        -- the (lower) median resists a one-off price change better than the mean; an actual
        -- payment's amount, as the analytics metric defines it (macros/median_lower.sql)
        {{ ledgerline.money(ledgerline.median_lower('normalized_amount')) }} as typical_amount,
        {{ ledgerline.money('min(normalized_amount)') }} as min_amount,
        {{ ledgerline.money('max(normalized_amount)') }} as max_amount,
        min(occurred_date) as first_paid_date,
        max(occurred_date) as last_paid_date,
        '{{ var("base_currency") }}' as base_currency

    from payments
    group by customer_id, merchant_key, merchant
    having count(distinct occurred_month) >= 2

)

select * from final
