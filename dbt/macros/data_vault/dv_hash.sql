{#
  Data Vault hashing, written for this project (no DV package can be installed here).

  dv_normalised_key: business keys as one string. Each part is cast to text, trimmed and
  upper-cased (" btc" and "BTC" are the same asset), NULL becomes '^^', parts are joined by '||'.
  dv_hash_key: md5 of that string (hex, 32 characters) on every engine (dbt.hash).
  dv_hash_diff: md5 over a satellite's payload, parts trimmed but not upper-cased (a title
  changing case is a change; whitespace around a value is not, see docs/market-data.md).
#}
{% macro dv_normalised_key(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(upper(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "))), '^^')") -%}
    {%- endfor -%}
    {{ parts | join(" || '||' || ") }}
{%- endmacro %}

{% macro dv_hash_key(columns) -%}
    {{ dbt.hash(ledgerline.dv_normalised_key(columns)) }}
{%- endmacro %}

{% macro dv_hash_diff(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), '^^')") -%}
    {%- endfor -%}
    {{ dbt.hash(parts | join(" || '||' || ")) }}
{%- endmacro %}
