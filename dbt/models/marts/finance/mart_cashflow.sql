-- Income, spend and net per customer and month, in the base currency, and what went into
-- investments. Transfers are neither income nor spend (they move money between a customer's own
-- accounts or to others without it being earned or spent), nor are investment trades (a buy
-- turns cash into an asset, a sell turns it back: docs/trades.md); trades are measured on their
-- own as invested (buys), divested (sells) and net invested. Transactions that moved no money
-- (DECLINED, REVERSED) count for nothing.
with

transactions as (

    select
        *,
        txn_type = 'TRADE' and affects_balance as is_trade
    from {{ ref('fct_transactions') }}

),

counted as (

    select * from transactions
    where is_spend or is_income or is_trade

),

final as (

    select
        customer_id,
        occurred_month as month_start,
        {{ ledgerline.money('sum(case when is_income then normalized_amount else 0 end)') }} as income_amount,
        {{ ledgerline.money('sum(case when is_spend then normalized_amount else 0 end)') }} as spend_amount,
        {{ ledgerline.money('sum(case when is_spend or is_income then signed_normalized_amount else 0 end)') }} as net_amount,
        sum(case when is_income then 1 else 0 end) as income_tx_count,
        sum(case when is_spend then 1 else 0 end) as spend_tx_count,
        {{ ledgerline.money("sum(case when is_trade and direction = 'DEBIT' then normalized_amount else 0 end)") }} as invested_amount,
        {{ ledgerline.money("sum(case when is_trade and direction = 'CREDIT' then normalized_amount else 0 end)") }} as divested_amount,
        {{ ledgerline.money('sum(case when is_trade then -signed_normalized_amount else 0 end)') }} as net_invested_amount,
        sum(case when is_trade then 1 else 0 end) as trade_tx_count,
        '{{ var("base_currency") }}' as base_currency

    from counted
    group by customer_id, occurred_month

)

select * from final
