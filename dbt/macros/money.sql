{#
  Money columns keep the RAW contract's type, decimal(15,2), through every model: sums of money
  stay exact decimals and never pass through a binary float.
#}
{% macro money(expression) -%}
    cast({{ expression }} as decimal(15, 2))
{%- endmacro %}

{# Integer cents of a money expression, for exact aggregates that are divided only at the end. #}
{% macro to_cents(expression) -%}
    cast(({{ expression }}) * 100 as {{ dbt.type_bigint() }})
{%- endmacro %}
