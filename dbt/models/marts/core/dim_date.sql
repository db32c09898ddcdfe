-- One row per calendar day, covering whole months from the first to the last transaction
-- month (today's month when there are no transactions yet).
with

transaction_days as (

    select
        min(occurred_date) as first_day,
        max(occurred_date) as last_day
    from {{ ref('stg_transactions') }}

),

today as (

    select cast({{ dbt.current_timestamp() }} as date) as today_date

),

bounds as (

    select
        cast({{ dbt.date_trunc('month', 'coalesce(transaction_days.first_day, today.today_date)') }} as date) as first_day,
        cast({{ dbt.last_day('coalesce(transaction_days.last_day, today.today_date)', 'month') }} as date) as last_day
    from transaction_days
    cross join today

),

spine as (

    {{ ledgerline.calendar_spine(
        start_date='(select first_day from bounds)',
        end_date='(select last_day from bounds)'
    ) }}

),

final as (

    select
        date_day,
        extract(year from date_day) as year_number,
        extract(quarter from date_day) as quarter_number,
        extract(month from date_day) as month_number,
        extract(day from date_day) as day_of_month,
        {{ ledgerline.iso_day_of_week('date_day') }} as iso_day_of_week,
        {{ ledgerline.iso_day_of_week('date_day') }} >= 6 as is_weekend,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        cast({{ dbt.date_trunc('quarter', 'date_day') }} as date) as quarter_start,
        cast({{ dbt.date_trunc('year', 'date_day') }} as date) as year_start,
        cast({{ dbt.last_day('date_day', 'month') }} as date) as month_end

    from spine

)

select * from final
