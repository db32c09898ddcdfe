{#
  The transaction details satellites (personal and corporate, issue #18) share one payload: the
  columns of the transaction row that describe it. Lineage (ingestion source and ref, change_seq)
  and bookkeeping (ingested_at, updated_at) are left out, so a replay from another position or a
  re-sync adds no row.
#}
{% macro transaction_details_satellite(where) -%}
{{ ledgerline.dv_satellite(
    "select *, synced_at as load_date, 'raw.transactions' as record_source from " ~ ref('stg_transaction_parties') ~ " where " ~ where,
    'transaction_hk', ['tx_id'],
    ['account_id', 'occurred_at', 'direction', 'txn_type', 'status', 'channel', 'amount', 'currency', 'normalized_amount',
     'is_recurring', 'description', 'merchant', 'mcc', 'category', 'subcategory', 'merchant_city', 'merchant_country',
     'related_account_id', 'asset_symbol', 'quantity', 'unit_price', 'fee']
) }}
{%- endmacro %}
