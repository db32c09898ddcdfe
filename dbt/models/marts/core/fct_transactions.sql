{#
  One row per live transaction, enriched with its account, customer, category and MCC.

  Incremental on the RAW change sequence. A run re-derives:
    - transactions whose own change_seq is above the highest one already in the table, and
    - every transaction of an account whose account row, or whose customer row, changed (or was
      deleted) since the last run, because their attributes are copied into this table;
  then replaces those rows by tx_id (delete+insert), and finally deletes transactions that were
  tombstoned in RAW (post-hook). The RAW contract guarantees a newly synced row always carries a
  change_seq above everything synced before it, so "above the max in this table" never misses a
  change; re-deriving a row twice is harmless. The result equals a --full-refresh build.
  Changing the seeds (categories, MCCs, FX rates) needs a --full-refresh.
#}
{{
    config(
        materialized='incremental',
        unique_key='tx_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        post_hook=[
            "delete from {{ this }} where tx_id in (select entity_id from {{ ref('stg_deletions') }} where entity = 'transaction')"
        ]
    )
}}

-- depends_on: {{ ref('stg_deletions') }}

with

transactions as (

    select * from {{ ref('stg_transactions') }}

),

accounts as (

    select * from {{ ref('stg_accounts') }}

),

customers as (

    select * from {{ ref('stg_customers') }}

),

categories as (

    select * from {{ ref('dim_category') }}

),

mcc_codes as (

    select * from {{ ref('mcc_categories') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

{% if is_incremental() %}

watermarks as (

    select
        coalesce(max(tx_change_seq), -1) as tx_seq,
        coalesce(max(account_change_seq), -1) as account_seq,
        coalesce(max(customer_change_seq), -1) as customer_seq
    from {{ this }}

),

deletions as (

    select * from {{ ref('stg_deletions') }}

),

-- accounts whose copied attributes may have changed since the last run
changed_accounts as (

    select accounts.account_id
    from accounts
    cross join watermarks
    where accounts.change_seq > watermarks.account_seq

    union

    select deletions.entity_id as account_id
    from deletions
    cross join watermarks
    where deletions.entity = 'account'
        and deletions.change_seq > watermarks.account_seq

    union

    select accounts.account_id
    from accounts
    inner join customers
        on customers.customer_id = accounts.customer_id
    cross join watermarks
    where customers.change_seq > watermarks.customer_seq

    union

    select accounts.account_id
    from accounts
    inner join deletions
        on deletions.entity = 'customer'
        and deletions.entity_id = accounts.customer_id
    cross join watermarks
    where deletions.change_seq > watermarks.customer_seq

),

{% endif %}

-- the transactions this run (re)derives: all of them on a first or --full-refresh build
changed_transactions as (

    select transactions.*
    from transactions
    {% if is_incremental() %}
    where transactions.change_seq > (select tx_seq from watermarks)
        or transactions.account_id in (select account_id from changed_accounts)
    {% endif %}

),

joined as (

    select
        changed_transactions.*,
        accounts.customer_id,
        accounts.account_type,
        accounts.account_currency,
        accounts.account_status,
        accounts.change_seq as account_change_seq,
        customers.customer_kind,
        customers.persona,
        customers.country as customer_country,
        customers.change_seq as customer_change_seq,
        categories.category_group,
        mcc_codes.description as mcc_description,
        -- the ledger settles a foreign-currency amount in the account currency at the domain's
        -- static cross rate, rounded half-even to the cent (fx/convert.ts); same here
        case
            when changed_transactions.currency = accounts.account_currency then changed_transactions.amount
            else {{ ledgerline.money(ledgerline.round_half_even(
                'cast(changed_transactions.amount as double precision) * account_rate.units_per_eur / tx_rate.units_per_eur', 2)) }}
        end as account_amount

    from changed_transactions
    left join accounts
        on accounts.account_id = changed_transactions.account_id
    left join customers
        on customers.customer_id = accounts.customer_id
    left join categories
        on categories.category = changed_transactions.category
    left join mcc_codes
        on mcc_codes.mcc = changed_transactions.mcc
    left join fx_rates as tx_rate
        on tx_rate.currency = changed_transactions.currency
    left join fx_rates as account_rate
        on account_rate.currency = accounts.account_currency

),

final as (

    select
        -- keys
        tx_id,
        account_id,
        customer_id,
        related_account_id,

        -- when (UTC calendar)
        occurred_at,
        occurred_at_utc,
        occurred_date,
        cast({{ dbt.date_trunc('month', 'occurred_date') }} as date) as occurred_month,

        -- what
        direction,
        txn_type,
        status,
        channel,
        is_recurring,
        description,

        -- money
        amount,
        currency,
        normalized_amount,
        '{{ var("base_currency") }}' as base_currency,
        account_amount,
        account_currency,
        case when direction = 'CREDIT' then account_amount else -account_amount end as signed_account_amount,
        case when direction = 'CREDIT' then normalized_amount else -normalized_amount end as signed_normalized_amount,

        -- how it counts: declined and reversed transactions move no money
        status in ('POSTED', 'PENDING') as affects_balance,
        txn_type = 'TRANSFER' as is_transfer,
        direction = 'DEBIT' and txn_type <> 'TRANSFER' and status in ('POSTED', 'PENDING') as is_spend,
        direction = 'CREDIT' and txn_type <> 'TRANSFER' and status in ('POSTED', 'PENDING') as is_income,

        -- merchant and category
        case when merchant is not null then {{ dbt.hash('merchant') }} end as merchant_key,
        merchant,
        mcc,
        mcc_description,
        category,
        category_group,
        subcategory,
        merchant_city,
        merchant_state,
        merchant_country,

        -- current account and customer attributes (re-derived when they change, see above)
        account_type,
        account_status,
        customer_kind,
        persona,
        customer_country,

        -- lineage
        ingestion_source,
        ingestion_ref,
        ingested_at,
        updated_at,
        change_seq as tx_change_seq,
        account_change_seq,
        customer_change_seq

    from joined

)

select * from final
