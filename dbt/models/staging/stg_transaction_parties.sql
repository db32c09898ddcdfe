-- Each live transaction with the customer whose account it is on, that customer's kind and, for
-- a corporate customer, the company it holds the account for (issue #18: the vault's
-- customer-transaction and company-transaction links, and the personal/corporate split of the
-- transaction satellites). A transaction whose account has not arrived yet has no party: it is
-- in hub_transaction and gets its links and details on the first build after its account lands.
with

transactions as (

    select * from {{ ref('stg_transactions') }}

),

accounts as (

    select account_id, customer_id from {{ ref('stg_accounts') }}

),

customers as (

    select customer_id, customer_kind from {{ ref('stg_customers') }}

),

holders as (

    select customer_id, min(company_id) as company_id
    from {{ ref('stg_customer_companies') }}
    where company_role = 'ACCOUNT_HOLDER'
    group by customer_id

)

select
    transactions.*,
    accounts.customer_id,
    customers.customer_kind,
    case when customers.customer_kind = 'CORPORATE' then holders.company_id end as company_id
from transactions
inner join accounts on accounts.account_id = transactions.account_id
inner join customers on customers.customer_id = accounts.customer_id
left join holders on holders.customer_id = customers.customer_id
