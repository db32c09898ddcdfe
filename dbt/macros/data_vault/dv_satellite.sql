{#
  A satellite: descriptive payload of a parent (hub or link) over time, with a hash diff.
  `child_keys` (dependent keys such as source, interval, open_time) split one parent into several
  series. RAW holds the current state of each key, so a new row is written only when the key is
  new or its hash diff differs from the satellite's latest row for that key: an identical
  redelivery, or a rerun, adds nothing; each real change adds one row.
#}
{% macro dv_satellite(source_sql, parent_key, parent_business_keys, payload, child_keys=[]) -%}
{%- set key_columns = [parent_key] + child_keys -%}
with staged as (
    select
        {{ ledgerline.dv_hash_key(parent_business_keys) }} as {{ parent_key }},
        {%- for key in child_keys %}
        {{ key }},
        {%- endfor %}
        {%- for column in payload %}
        {{ column }},
        {%- endfor %}
        {{ ledgerline.dv_hash_diff(payload) }} as hash_diff,
        load_date,
        record_source
    from ({{ source_sql }}) as src
)
{%- if is_incremental() %},

latest as (
    select {{ key_columns | join(', ') }}, hash_diff
    from (
        select
            sat.*,
            row_number() over (partition by {{ key_columns | join(', ') }} order by load_date desc) as recency
        from {{ this }} as sat
    ) as versions
    where recency = 1
)

select staged.*
from staged
left join latest
    on {% for key in key_columns %}{% if not loop.first %} and {% endif %}latest.{{ key }} = staged.{{ key }}{% endfor %}
where latest.hash_diff is null or latest.hash_diff <> staged.hash_diff
{%- else %}

select * from staged
{%- endif %}
{%- endmacro %}
