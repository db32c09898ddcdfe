{#
  A link: one row per distinct combination of parent business keys. `parents` maps each parent hash
  key name to its business key columns; the link hash key is over all of them, in order.
#}
{% macro dv_link(source_sql, link_key, parents) -%}
{%- set all_keys = [] -%}
{%- for parent in parents -%}{%- for key in parent['keys'] -%}{%- do all_keys.append(key) -%}{%- endfor -%}{%- endfor -%}
with staged as (
    select
        {{ ledgerline.dv_hash_key(all_keys) }} as {{ link_key }},
        {%- for parent in parents %}
        {{ ledgerline.dv_hash_key(parent['keys']) }} as {{ parent['hash_key'] }},
        {%- endfor %}
        load_date,
        record_source
    from ({{ source_sql }}) as src
),

ranked as (
    select
        staged.*,
        row_number() over (partition by {{ link_key }} order by load_date, record_source) as first_seen
    from staged
)

select {{ link_key }}, {% for parent in parents %}{{ parent['hash_key'] }}, {% endfor %}load_date, record_source
from ranked
where first_seen = 1
{%- if is_incremental() %}
  and not exists (select 1 from {{ this }} as link where link.{{ link_key }} = ranked.{{ link_key }})
{%- endif %}
{%- endmacro %}
