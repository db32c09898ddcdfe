{#
  The physical order of a market mart on DuckDB: a table written ordered by its series key keeps
  each series in one or two row groups, so the market page's read of one symbol skips the other
  row groups by their min/max (zone maps) instead of scanning the whole mart. DuckDB keeps a
  CREATE TABLE AS ... ORDER BY in that order; other engines get no ORDER BY (Snowflake would sort
  for nothing: its micro-partitions are clustered by its own service, not by insertion order).
#}
{% macro series_order(columns) -%}
{%- if target.type == 'duckdb' %}
order by {{ columns | join(', ') }}
{%- endif %}
{%- endmacro %}
