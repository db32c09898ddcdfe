{#
  End-of-day balance of every account for every day from its start (the earlier of its opening
  date and its first transaction) to the last transaction date in the warehouse.

  Rule: RAW holds each account's *current* balance but no history, so the history is derived
  backwards from it. With signed amounts in the account currency (CREDIT +, DEBIT -, only
  transactions that moved money):
      opening_balance          = current_balance - sum(all signed amounts of the account)
      end_of_day_balance(d)    = opening_balance + sum(signed amounts on days <= d)
  so the last day's balance equals the current balance by construction, and every earlier day is
  exact as long as RAW holds all of the account's transactions.
#}
with

accounts as (

    select * from {{ ref('dim_account') }}

),

movements as (

    select
        account_id,
        occurred_date,
        sum(signed_account_amount) as net_change,
        count(*) as tx_count
    from {{ ref('fct_transactions') }}
    where affects_balance
    group by account_id, occurred_date

),

account_totals as (

    select
        account_id,
        sum(net_change) as total_change,
        min(occurred_date) as first_tx_date
    from movements
    group by account_id

),

calendar as (

    select date_day
    from {{ ref('dim_date') }}
    where date_day <= (select max(occurred_date) from {{ ref('fct_transactions') }})

),

openings as (

    select
        accounts.account_id,
        accounts.customer_id,
        accounts.account_currency,
        accounts.current_balance - coalesce(account_totals.total_change, 0) as opening_balance,
        case
            when account_totals.first_tx_date < accounts.opened_date then account_totals.first_tx_date
            else accounts.opened_date
        end as start_date

    from accounts
    left join account_totals
        on account_totals.account_id = accounts.account_id

),

daily as (

    select
        openings.account_id,
        openings.customer_id,
        openings.account_currency,
        openings.opening_balance,
        calendar.date_day as balance_date,
        coalesce(movements.net_change, 0) as net_change,
        coalesce(movements.tx_count, 0) as tx_count

    from openings
    inner join calendar
        on calendar.date_day >= openings.start_date
    left join movements
        on movements.account_id = openings.account_id
        and movements.occurred_date = calendar.date_day

),

final as (

    select
        account_id,
        customer_id,
        balance_date,
        account_currency,
        {{ ledgerline.money('net_change') }} as net_change,
        tx_count,
        {{ ledgerline.money(
            'opening_balance + sum(net_change) over (partition by account_id order by balance_date rows between unbounded preceding and current row)'
        ) }} as end_of_day_balance

    from daily

)

select * from final
