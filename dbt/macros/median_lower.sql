{#
  The lower median of a column (PERCENTILE_DISC(0.5)): an actual value of the group, never an
  interpolation, so every engine gives the same cents. It is also the analytics layer's
  definition of a recurring payment's typical amount (libs/domain/analytics recurring-query.ts).
  Trino has no ordered-set aggregates: there it is the element at position ceil(n / 2) of the
  sorted non-null values.
#}
{% macro median_lower(expression) -%}
    {{ return(adapter.dispatch('median_lower', 'ledgerline')(expression)) }}
{%- endmacro %}

{% macro default__median_lower(expression) -%}
    percentile_disc(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro trino__median_lower(expression) -%}
    case when count({{ expression }}) > 0 then
        element_at(array_sort(array_agg({{ expression }}) filter (where {{ expression }} is not null)), cast((count({{ expression }}) + 1) / 2 as integer))
    end
{%- endmacro %}
