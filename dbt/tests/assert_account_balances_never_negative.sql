-- Accounts never go below zero (the banking seed's rule; a CREDIT_CARD's balance is its
-- available credit). A negative end-of-day balance means RAW is missing transactions, holds a
-- wrong current balance, or the signed amounts are wrong. Returns the offending days.
select
    account_id,
    balance_date,
    end_of_day_balance
from {{ ref('mart_account_balance_daily') }}
where end_of_day_balance < 0
