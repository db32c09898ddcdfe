-- A recurring payment recurs: each customer/merchant in mart_recurring_payments has payments in
-- at least two distinct months, counted again from the facts. Returns the ones that do not.
with

months_in_facts as (

    select
        customer_id,
        merchant_key,
        count(distinct occurred_month) as months_seen
    from {{ ref('fct_transactions') }}
    where is_recurring
        and direction = 'DEBIT'
    group by customer_id, merchant_key

)

select
    recurring.customer_id,
    recurring.merchant,
    recurring.months_seen as reported_months,
    months_in_facts.months_seen as months_in_facts
from {{ ref('mart_recurring_payments') }} as recurring
left join months_in_facts
    on months_in_facts.customer_id = recurring.customer_id
    and months_in_facts.merchant_key = recurring.merchant_key
where recurring.months_seen < 2
    or months_in_facts.months_seen is null
    or months_in_facts.months_seen < 2
