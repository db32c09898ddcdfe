-- One row per live company (issue #18): RAW renamed and typed, tombstones dropped.
with

source as (

    select * from {{ source('raw', 'companies') }}
    where not coalesce(_deleted, false)

),

renamed as (

    select
        company_id,
        name as company_name,
        registration_number,
        industry,
        city,
        country,
        created_at as founded_at,
        updated_at,
        cast(_change_seq as {{ dbt.type_bigint() }}) as change_seq,
        _synced_at as synced_at

    from source

)

select * from renamed
