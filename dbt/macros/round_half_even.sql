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

{#
  Snowflake's ROUND takes a rounding mode only for fixed-point input and fails on a FLOAT, so the
  value is first cast to NUMBER(38, 12): 12 decimals keep every digit a float of a money-sized
  amount carries (about 15-16 significant), and the half-even step then rounds that to `scale`.
#}
{% macro snowflake__round_half_even(expression, scale) -%}
    round(cast({{ expression }} as number(38, 12)), {{ scale }}, 'HALF_TO_EVEN')
{%- endmacro %}
