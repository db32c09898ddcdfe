-- Every version of every customer (SCD2, from customers_snapshot), with validity interval.
with

customer_versions as (

    select * from {{ ref('customers_snapshot') }}

),

numbered as (

    select
        customer_versions.*,
        row_number() over (partition by customer_id order by dbt_valid_from) as version_number
    from customer_versions

),

final as (

    select
        -- Not the snapshot's dbt_scd_id: dbt hashes the timestamp's text, which every engine
        -- writes differently ('... 23:11:34' on DuckDB, '... 23:11:34.000000' on Trino), so the
        -- same version would get another key per warehouse.
        {{ dbt.hash(dbt.concat(['customer_id', "'|'", 'cast(version_number as ' ~ dbt.type_string() ~ ')'])) }} as customer_version_key,
        customer_id,
        customer_kind,
        persona,
        customer_name,
        email,
        city,
        state,
        country,
        dbt_valid_from as valid_from,
        dbt_valid_to as valid_to,
        dbt_valid_to is null as is_current,
        version_number

    from numbered

)

select * from final
