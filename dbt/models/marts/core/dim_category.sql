-- One row per category of the domain taxonomy, with how it counts in cash-flow marts.
with

taxonomy as (

    select * from {{ ref('categories') }}

),

mcc_codes as (

    select * from {{ ref('mcc_categories') }}

),

subcategory_counts as (

    select
        category,
        count(*) as subcategory_count
    from taxonomy
    group by category

),

mcc_counts as (

    select
        category,
        count(*) as mcc_count
    from mcc_codes
    group by category

),

final as (

    select
        subcategory_counts.category,
        case subcategory_counts.category
            when 'Income' then 'income'
            when 'Transfers' then 'transfer'
            else 'spending'
        end as category_group,
        subcategory_counts.subcategory_count,
        coalesce(mcc_counts.mcc_count, 0) as mcc_count

    from subcategory_counts
    left join mcc_counts
        on mcc_counts.category = subcategory_counts.category

)

select * from final
