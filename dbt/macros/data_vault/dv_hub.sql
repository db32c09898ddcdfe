{#
  A hub: one row per business key, the first time it was seen (earliest load_date; ties broken by
  record_source). Incremental runs insert only keys the hub does not hold, so a rerun adds nothing.
  `source_sql` is a query (or relation) with the business key columns, load_date and record_source.
#}
{% macro dv_hub(source_sql, hash_key, business_keys) -%}
with staged as (
    select
        {{ ledgerline.dv_hash_key(business_keys) }} as {{ hash_key }},
        {%- for key in business_keys %}
        upper(trim(cast({{ key }} as {{ dbt.type_string() }}))) as {{ key }},
        {%- endfor %}
        load_date,
        record_source
    from ({{ source_sql }}) as src
),

ranked as (
    select
        staged.*,
        row_number() over (partition by {{ hash_key }} order by load_date, record_source) as first_seen
    from staged
)

select {{ hash_key }}, {{ business_keys | join(', ') }}, load_date, record_source
from ranked
where first_seen = 1
{%- if is_incremental() %}
  and not exists (select 1 from {{ this }} as hub where hub.{{ hash_key }} = ranked.{{ hash_key }})
{%- endif %}
{%- endmacro %}
