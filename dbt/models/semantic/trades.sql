-- Semantic layer: investment trades (docs/trades.md) in business terms: who traded what, when, for how much.
select
    trades.tx_id as trade_id,
    trades.occurred_at as traded_at,
    trades.occurred_date as trade_date,
    trades.customer_id,
    case trades.customer_kind when 'CORPORATE' then 'Corporate' else 'Personal' end as customer_type,
    companies.company_name as company,
    case trades.direction when 'DEBIT' then 'Buy' else 'Sell' end as side,
    trades.asset_symbol as asset,
    trades.quantity,
    trades.unit_price as price_per_unit,
    trades.fee,
    trades.amount as total_amount,
    trades.currency,
    trades.status
from {{ ref('fct_transactions') }} as trades
left join {{ ref('dim_company') }} as companies
    on companies.account_holder_customer_id = upper(trim(trades.customer_id))
where trades.txn_type = 'TRADE'
