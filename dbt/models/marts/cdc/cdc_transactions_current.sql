-- Grain: one row per live tx_id as of the last loaded change event: the change log folded by key
-- (latest event in topic order, deletes and truncates applied; docs/cdc.md). Equal to the
-- Postgres table once every change up to then has been loaded (tested:
-- apps/pipeline/src/stages/cdc-stage.int.spec.ts).
{{ ledgerline.cdc_fold('stg_cdc_transactions', 'tx_id', ['tx_id', 'account_id', 'related_account_id', 'occurred_at', 'direction', 'txn_type', 'status', 'channel', 'amount', 'currency', 'normalized_amount', 'is_recurring', 'description', 'merchant', 'mcc', 'category', 'subcategory', 'merchant_city', 'merchant_state', 'merchant_country', 'ingestion_source', 'ingestion_ref', 'ingested_at', 'updated_at', 'change_seq']) }}
