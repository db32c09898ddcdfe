-- One row per merchant name seen on a transaction, with its usual MCC and category.
with

transactions as (

    select * from {{ ref('fct_transactions') }}
    where merchant is not null

),

merchant_stats as (

    select
        merchant_key,
        merchant as merchant_name,
        count(*) as tx_count,
        count(distinct customer_id) as customer_count,
        min(occurred_date) as first_seen_date,
        max(occurred_date) as last_seen_date
    from transactions
    group by merchant_key, merchant

),

-- a merchant can appear under several MCCs/categories (acquirer data is noisy); keep the most
-- frequent, ties broken by name so the choice is deterministic
classification_counts as (

    select
        merchant_key,
        mcc,
        category,
        count(*) as tx_count
    from transactions
    group by merchant_key, mcc, category

),

ranked_classifications as (

    select
        merchant_key,
        mcc,
        category,
        row_number() over (
            partition by merchant_key
            order by tx_count desc, category, mcc
        ) as classification_rank
    from classification_counts

),

final as (

    select
        merchant_stats.merchant_key,
        merchant_stats.merchant_name,
        ranked_classifications.mcc as primary_mcc,
        ranked_classifications.category as primary_category,
        merchant_stats.tx_count,
        merchant_stats.customer_count,
        merchant_stats.first_seen_date,
        merchant_stats.last_seen_date

    from merchant_stats
    inner join ranked_classifications
        on ranked_classifications.merchant_key = merchant_stats.merchant_key
        and ranked_classifications.classification_rank = 1

)

select * from final
