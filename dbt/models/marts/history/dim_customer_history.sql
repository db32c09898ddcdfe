-- Every version of every customer (SCD2, from customers_snapshot), with validity interval.
with

customer_versions as (

    select * from {{ ref('customers_snapshot') }}

),

final as (

    select
        dbt_scd_id as customer_version_key,
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
        row_number() over (partition by customer_id order by dbt_valid_from) as version_number

    from customer_versions

)

select * from final
