-- Business keys deleted in Postgres (RAW tombstones), for models that must forget them:
-- fct_transactions deletes these transactions after each incremental merge, and re-enriches
-- transactions whose account or customer was deleted.
with

customers as (

    select
        'customer' as entity,
        customer_id as entity_id,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at
    from {{ source('raw', 'customers') }}
    where coalesce(_deleted, false)

),

accounts as (

    select
        'account' as entity,
        account_id as entity_id,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at
    from {{ source('raw', 'accounts') }}
    where coalesce(_deleted, false)

),

transactions as (

    select
        'transaction' as entity,
        tx_id as entity_id,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at
    from {{ source('raw', 'transactions') }}
    where coalesce(_deleted, false)

),

final as (

    select * from customers
    union all
    select * from accounts
    union all
    select * from transactions

)

select * from final
