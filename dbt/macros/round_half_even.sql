{#
  Rounds half to even ("banker's rounding"), the rule the domain's FX conversion uses
  (libs/domain/transactions/src/fx/convert.ts), so converted amounts match the ledger's cents.
#}
{% macro round_half_even(expression, scale) -%}
    {{ return(adapter.dispatch('round_half_even', 'ledgerline')(expression, scale)) }}
{%- endmacro %}

{% macro default__round_half_even(expression, scale) -%}
    round({{ expression }}, {{ scale }})
{%- endmacro %}

{% macro duckdb__round_half_even(expression, scale) -%}
    round_even({{ expression }}, {{ scale }})
{%- endmacro %}

{% macro snowflake__round_half_even(expression, scale) -%}
    round({{ expression }}, {{ scale }}, 'HALF_TO_EVEN')
{%- endmacro %}
