-- The two spend marts agree: per customer and month, mart_cashflow.spend_amount is the sum of
-- mart_monthly_spend over categories, and net = income - spend. Returns the rows that disagree.
-- The sum is compared as money, as in assert_monthly_spend_matches_facts.
with

spend_by_month as (

    select
        customer_id,
        month_start,
        {{ ledgerline.money('sum(spend_amount)') }} as spend_amount
    from {{ ref('mart_monthly_spend') }}
    group by customer_id, month_start

)

select
    cashflow.customer_id,
    cashflow.month_start,
    cashflow.spend_amount,
    spend_by_month.spend_amount as monthly_spend_total,
    cashflow.income_amount,
    cashflow.net_amount
from {{ ref('mart_cashflow') }} as cashflow
left join spend_by_month
    on spend_by_month.customer_id = cashflow.customer_id
    and spend_by_month.month_start = cashflow.month_start
where coalesce(spend_by_month.spend_amount, 0) <> cashflow.spend_amount
    or cashflow.net_amount <> cashflow.income_amount - cashflow.spend_amount
