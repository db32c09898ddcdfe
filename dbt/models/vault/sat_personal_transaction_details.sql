{{ config(materialized='incremental', on_schema_change='fail') }}
-- What a transaction of a PERSONAL customer says (the payload of the transaction row; lineage and
-- bookkeeping columns are not payload). The customer's kind decides the satellite: the same
-- transaction is never in both.
{{ ledgerline.transaction_details_satellite("customer_kind = 'PERSONAL'") }}
