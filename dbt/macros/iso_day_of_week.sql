{#
  ISO day of week (1 = Monday ... 7 = Sunday). Engines disagree on `dayofweek` (DuckDB counts
  Sunday as 0, Snowflake follows the WEEK_START session parameter), so count days from a known
  Monday with dbt.datediff instead; the double modulo keeps dates before that Monday correct.
#}
{% macro iso_day_of_week(date_expression) -%}
    (mod(mod({{ dbt.datediff("cast('2001-01-01' as date)", date_expression, 'day') }}, 7) + 7, 7) + 1)
{%- endmacro %}
