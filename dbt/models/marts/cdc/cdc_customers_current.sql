-- Grain: one row per live customer_id as of the last loaded change event: the change log folded by key
-- (latest event in topic order, deletes and truncates applied; docs/cdc.md). Equal to the
-- Postgres table once every change up to then has been loaded (tested:
-- apps/pipeline/src/stages/cdc-stage.int.spec.ts).
{{ ledgerline.cdc_fold('stg_cdc_customers', 'customer_id', ['customer_id', 'customer_kind', 'persona', 'customer_name', 'email', 'city', 'state', 'country', 'created_at', 'updated_at', 'change_seq']) }}
