{#
  Custom schemas are used verbatim (`staging`, `marts`, `reference`, `snapshots`) instead of dbt's
  default `<target_schema>_<custom>`, so every reader of the warehouse (analytics, the agent's SQL
  allow-list, the dashboard) finds the marts at one fixed name on DuckDB and on Snowflake.
  Nodes without a custom schema fall back to the target schema.

  `schema_prefix` (default empty) puts a whole build beside the real one, for a scratch run:
  `nx run warehouse-sync:serve -- snowflake-smoke` passes `LEDGERLINE_SMOKE_<run>_` (with
  `raw_schema` at `<prefix>RAW`) and drops every `<prefix>*` schema afterwards; the fakesnow build
  in CI uses a prefix too, so that naming is what CI runs. A prefixed name is written in upper
  case, as Snowflake stores an unquoted one (`CI_marts` would mix case: the dialect check refuses it).
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- elif var('schema_prefix', '') | trim == '' -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ ((var('schema_prefix') | trim) ~ (custom_schema_name | trim)) | upper }}
    {%- endif -%}
{%- endmacro %}
