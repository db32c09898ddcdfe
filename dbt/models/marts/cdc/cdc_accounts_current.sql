-- Grain: one row per live account_id as of the last loaded change event: the change log folded by key
-- (latest event in topic order, deletes and truncates applied; docs/cdc.md). Equal to the
-- Postgres table once every change up to then has been loaded (tested:
-- apps/pipeline/src/stages/cdc-stage.int.spec.ts).
{{ ledgerline.cdc_fold('stg_cdc_accounts', 'account_id', ['account_id', 'customer_id', 'account_type', 'account_currency', 'current_balance', 'account_status', 'opened_at', 'updated_at', 'change_seq']) }}
