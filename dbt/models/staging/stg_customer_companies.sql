-- One row per live customer-company link (issue #18): who acts for which company, in which role.
with

source as (

    select * from {{ source('raw', 'customer_companies') }}
    where not coalesce(_deleted, false)

),

renamed as (

    select
        relationship_id,
        customer_id,
        company_id,
        role as company_role,
        linked_at,
        updated_at,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at

    from source

)

select * from renamed
