{#
  Helpers of the CDC models (models/staging/cdc, models/marts/cdc): the RAW change logs the
  landing loader writes, `raw.cdc_<schema>_<table>` (docs/cdc.md), one row per Debezium-shaped
  change event with the row images as JSON text.
#}

{#
  The change log of one captured table, or an empty relation of the same columns when it does
  not exist yet (no CDC file was loaded into this warehouse): the models build either way.
#}
{% macro cdc_change_log(table_name) -%}
    {%- set relation = source('raw_cdc', table_name) -%}
    {%- if execute and load_relation(relation) is none -%}
    (
        select
            cast(null as {{ dbt.type_string() }}) as topic,
            cast(null as {{ dbt.type_int() }}) as kafka_partition,
            cast(null as {{ dbt.type_bigint() }}) as kafka_offset,
            cast(null as {{ dbt.type_string() }}) as op,
            cast(null as {{ dbt.type_string() }}) as key_json,
            cast(null as {{ dbt.type_string() }}) as before_json,
            cast(null as {{ dbt.type_string() }}) as after_json,
            cast(null as {{ dbt.type_bigint() }}) as lsn,
            cast(null as {{ dbt.type_bigint() }}) as source_ts_ms
        where 1 = 0
    )
    {%- else -%}
    {{ relation }}
    {%- endif -%}
{%- endmacro %}

{# A top-level field of a JSON text column as text (JSON null -> SQL null). #}
{% macro cdc_text(json_column, field) -%}
    {{ return(adapter.dispatch('cdc_text', 'ledgerline')(json_column, field)) }}
{%- endmacro %}

{% macro default__cdc_text(json_column, field) -%}
    json_extract_scalar({{ json_column }}, '$.{{ field }}')
{%- endmacro %}

{% macro duckdb__cdc_text(json_column, field) -%}
    json_extract_string({{ json_column }}, '$.{{ field }}')
{%- endmacro %}

{% macro snowflake__cdc_text(json_column, field) -%}
    parse_json({{ json_column }}):"{{ field }}"::varchar
{%- endmacro %}

{# An ISO-8601 text with offset (how the events carry timestamptz) as a timestamp with time zone. #}
{% macro cdc_timestamp(expression) -%}
    {{ return(adapter.dispatch('cdc_timestamp', 'ledgerline')(expression)) }}
{%- endmacro %}

{# Trino: from_iso8601_timestamp gives timestamp(3) with time zone, which Iceberg cannot store. #}
{% macro default__cdc_timestamp(expression) -%}
    cast(from_iso8601_timestamp({{ expression }}) as timestamp(6) with time zone)
{%- endmacro %}

{% macro duckdb__cdc_timestamp(expression) -%}
    cast({{ expression }} as timestamptz)
{%- endmacro %}

{% macro snowflake__cdc_timestamp(expression) -%}
    cast({{ expression }} as timestamp_tz)
{%- endmacro %}

{#
  Folds a staged change log (one row per event, typed columns) to the latest state per key:
  the last event of each key in topic order (a key lives in one partition, so its offsets order
  its changes), deletes applied, and everything a truncate removed (an event before the last
  truncate's log position; a snapshot read at or after it survives). Replayed events (at-least-once
  delivery) fold to the same row. `columns` are the payload columns to keep.
#}
{% macro cdc_fold(staged_model, key_column, columns) -%}
with

events as (

    select * from {{ ref(staged_model) }}

),

last_truncate as (

    select max(lsn) as truncate_lsn from events where op = 't'

),

ranked as (

    select
        events.*,
        row_number() over (partition by {{ key_column }} order by kafka_offset desc) as position_from_last

    from events
    where op <> 't'

),

final as (

    select
        {% for column in columns %}{{ column }},
        {% endfor %}kafka_partition,
        kafka_offset,
        lsn as change_lsn,
        source_ts_ms as changed_at_ms

    from ranked
    cross join last_truncate
    where position_from_last = 1
      and op <> 'd'
      and (truncate_lsn is null or lsn > truncate_lsn or (op = 'r' and lsn >= truncate_lsn))

)

select * from final
{%- endmacro %}
