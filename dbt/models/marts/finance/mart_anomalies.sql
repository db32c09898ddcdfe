{#
  Spend transactions whose amount is far from the customer's usual amount in that category.

  z = (amount - mean) / stddev over the customer's *other* spend transactions in the category
  (leave-one-out: with the transaction itself in the sample, |z| can never reach 3 below 11
  observations, since it is bounded by (n-1)/sqrt(n)). Flagged when |z| >= var
  anomaly_z_threshold (3) and there are at least var anomaly_min_observations (5) other
  transactions. A category whose other amounts are all equal has no stddev and flags nothing.

  Aggregates are exact sums of integer cents, divided only at the end: a floating-point window
  sum depends on row order, which differs between an incremental and a full-refresh fact, and
  the two builds must give the same mart.
#}
with

spend as (

    select
        tx_id,
        customer_id,
        account_id,
        category,
        merchant,
        occurred_at,
        occurred_date,
        normalized_amount,
        cast({{ ledgerline.to_cents('normalized_amount') }} as decimal(38, 0)) as amount_cents
    from {{ ref('fct_transactions') }}
    where is_spend
        and customer_id is not null

),

category_sums as (

    select
        customer_id,
        category,
        count(*) as n,
        sum(amount_cents) as sum_cents,
        sum(amount_cents * amount_cents) as sum_squares
    from spend
    group by customer_id, category

),

-- the statistics of the other transactions: remove this one from the sums
others as (

    select
        spend.*,
        category_sums.n - 1 as observation_count,
        category_sums.sum_cents - spend.amount_cents as other_sum,
        category_sums.sum_squares - spend.amount_cents * spend.amount_cents as other_squares
    from spend
    inner join category_sums
        on category_sums.customer_id = spend.customer_id
        and category_sums.category = spend.category

),

category_stats as (

    select
        others.*,
        cast(other_sum as double precision) / observation_count as mean_cents,
        -- sample variance = (n * sum(x^2) - sum(x)^2) / (n * (n - 1)); numerator exact
        cast(observation_count * other_squares - other_sum * other_sum as double precision)
            / nullif(observation_count * (observation_count - 1), 0) as variance_cents
    from others
    where observation_count >= {{ var('anomaly_min_observations') }}

),

scored as (

    select
        category_stats.*,
        sqrt(variance_cents) as stddev_cents,
        round((cast(amount_cents as double precision) - mean_cents) / nullif(sqrt(variance_cents), 0), 4) as z_score
    from category_stats
    where variance_cents > 0

),

final as (

    select
        tx_id,
        customer_id,
        account_id,
        category,
        merchant,
        occurred_at,
        occurred_date,
        normalized_amount,
        observation_count,
        {{ ledgerline.money('mean_cents / 100') }} as typical_amount,
        {{ ledgerline.money('stddev_cents / 100') }} as amount_stddev,
        z_score,
        '{{ var("base_currency") }}' as base_currency

    from scored
    where abs(z_score) >= {{ var('anomaly_z_threshold') }}

)

select * from final
