{#
  Trino's default `timestamp` is timestamp(3) (milliseconds), which Iceberg refuses and which
  would drop the microseconds RAW keeps. dbt_project.yml's `dispatch` puts this project ahead of
  dbt's own macros, so every dbt.type_timestamp() on Trino (models, snapshot bookkeeping) is
  timestamp(6), the precision of DuckDB, Snowflake's default in RAW, and PostgreSQL.
#}
{% macro trino__type_timestamp() -%}
    timestamp(6)
{%- endmacro %}
