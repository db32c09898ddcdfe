-- mart_monthly_spend equals the sum of its facts, recomputed here from the raw predicates (not
-- from the fact's is_spend flag) so a wrong flag is caught too. Returns every
-- customer/category/month whose amount or count differs, or that exists on one side only.
-- Sums are compared as money (decimal(15,2)), as the mart stores them: fakesnow computes SUM over
-- NUMBER in DOUBLE (docs/snowflake.md), which must not count as a difference of a cent.
with

expected as (

    select
        customer_id,
        category,
        occurred_month as month_start,
        {{ ledgerline.money('sum(normalized_amount)') }} as spend_amount,
        count(*) as tx_count
    from {{ ref('fct_transactions') }}
    where direction = 'DEBIT'
        and txn_type not in ('TRANSFER', 'TRADE')
        and status in ('POSTED', 'PENDING')
    group by customer_id, category, occurred_month

),

actual as (

    select * from {{ ref('mart_monthly_spend') }}

)

select
    coalesce(expected.customer_id, actual.customer_id) as customer_id,
    coalesce(expected.category, actual.category) as category,
    coalesce(expected.month_start, actual.month_start) as month_start,
    expected.spend_amount as expected_spend,
    actual.spend_amount as actual_spend,
    expected.tx_count as expected_count,
    actual.tx_count as actual_count
from expected
full outer join actual
    on actual.customer_id = expected.customer_id
    and actual.category = expected.category
    and actual.month_start = expected.month_start
where expected.customer_id is null
    or actual.customer_id is null
    or expected.spend_amount <> actual.spend_amount
    or expected.tx_count <> actual.tx_count
