{#
  One row per day (`date_day`) from start_date to end_date inclusive; both are SQL expressions
  (scalar subqueries are fine) evaluated when the model runs, not at compile time.

  Built only from dbt's cross-database macros: a fixed-size integer series (dbt.generate_series,
  native on DuckDB, a cross join of powers of two elsewhere) offset from start_date with
  dbt.dateadd, then cut at end_date. The offset is cast to an integer type: Trino's date_add
  refuses the double some engines' series arithmetic produces. `max_days` bounds the series (default: 40 years).
#}
{% macro calendar_spine(start_date, end_date, max_days=14610) -%}
    with spine_numbers as (
        {{ dbt.generate_series(max_days) }}
    ),

    spine_bounds as (
        select
            cast({{ start_date }} as date) as first_day,
            cast({{ end_date }} as date) as last_day
    ),

    spine_days as (
        select
            cast({{ dbt.dateadd('day', 'cast(spine_numbers.generated_number - 1 as ' ~ dbt.type_bigint() ~ ')', 'spine_bounds.first_day') }} as date) as date_day,
            spine_bounds.last_day
        from spine_numbers
        cross join spine_bounds
    )

    select date_day
    from spine_days
    where date_day <= last_day
{%- endmacro %}
