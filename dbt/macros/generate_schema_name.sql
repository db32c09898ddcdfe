{#
  Custom schemas are used verbatim (`staging`, `marts`, `reference`, `snapshots`) instead of dbt's
  default `<target_schema>_<custom>`, so every reader of the warehouse (analytics, the agent's SQL
  allow-list, the dashboard) finds the marts at one fixed name on DuckDB and on Snowflake.
  Nodes without a custom schema fall back to the target schema.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
