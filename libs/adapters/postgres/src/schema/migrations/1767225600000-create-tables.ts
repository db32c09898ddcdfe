import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operational schema (architecture §3). Literal SQL on purpose: a migration is history and
 * must not change when the code's column lists do. Money is numeric(15,2) (13 integer digits, as
 * the domain's money pattern), timestamps are timestamptz. Constraint names are stable because
 * StoreConstraintError reports them.
 *
 * No foreign key from transactions to accounts: stream events may arrive before the account
 * they belong to is loaded, and rejecting them would send valid events to the DLQ. Orphans are
 * found downstream (dbt relationship tests). Accounts do reference customers: both are master
 * data loaded together (seed, batch), so an unknown customer is a real error.
 */
export class CreateTables1767225600000 implements MigrationInterface {
  readonly name = 'CreateTables1767225600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customers (
        customer_id  varchar(40)  NOT NULL,
        kind         varchar(20)  NOT NULL,
        persona      varchar(40)  NOT NULL,
        name         varchar(200) NOT NULL,
        email        varchar(200),
        city         varchar(100),
        state        varchar(100),
        country      char(2)      NOT NULL,
        created_at   timestamptz  NOT NULL,
        updated_at   timestamptz  NOT NULL,
        change_seq   bigint       NOT NULL,
        change_xid   xid8         NOT NULL,
        CONSTRAINT customers_pkey PRIMARY KEY (customer_id)
      )`);

    await db.query(`
      CREATE TABLE accounts (
        account_id   varchar(40)   NOT NULL,
        customer_id  varchar(40)   NOT NULL,
        account_type varchar(20)   NOT NULL,
        currency     char(3)       NOT NULL,
        balance      numeric(15,2) NOT NULL,
        status       varchar(20)   NOT NULL,
        opened_at    timestamptz   NOT NULL,
        updated_at   timestamptz   NOT NULL,
        change_seq   bigint        NOT NULL,
        change_xid   xid8          NOT NULL,
        CONSTRAINT accounts_pkey PRIMARY KEY (account_id),
        CONSTRAINT accounts_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
        CONSTRAINT accounts_balance_non_negative CHECK (balance >= 0)
      )`);
    await db.query(`CREATE INDEX accounts_customer_idx ON accounts (customer_id)`);

    await db.query(`
      CREATE TABLE transactions (
        tx_id              varchar(80)   NOT NULL,
        account_id         varchar(40)   NOT NULL,
        occurred_at        timestamptz   NOT NULL,
        amount             numeric(15,2) NOT NULL,
        direction          varchar(6)    NOT NULL,
        txn_type           varchar(20)   NOT NULL,
        currency           char(3)       NOT NULL,
        normalized_amount  numeric(15,2) NOT NULL,
        merchant           varchar(200),
        mcc                char(4),
        category           varchar(60)   NOT NULL,
        subcategory        varchar(60),
        channel            varchar(20)   NOT NULL,
        description        varchar(500),
        city               varchar(100),
        state              varchar(100),
        country            char(2),
        is_recurring       boolean       NOT NULL,
        status             varchar(10)   NOT NULL,
        related_account_id varchar(40),
        source             varchar(10)   NOT NULL,
        source_ref         varchar(300),
        ingested_at        timestamptz   NOT NULL DEFAULT now(),
        updated_at         timestamptz   NOT NULL DEFAULT now(),
        change_seq         bigint        NOT NULL,
        change_xid         xid8          NOT NULL,
        CONSTRAINT transactions_pkey PRIMARY KEY (tx_id),
        CONSTRAINT transactions_amount_positive CHECK (amount > 0),
        CONSTRAINT transactions_normalized_amount_non_negative CHECK (normalized_amount >= 0),
        CONSTRAINT transactions_direction_valid CHECK (direction IN ('DEBIT', 'CREDIT'))
      )`);
    await db.query(`CREATE INDEX transactions_occurred_at_idx ON transactions (occurred_at)`);
    await db.query(`CREATE INDEX transactions_account_occurred_at_idx ON transactions (account_id, occurred_at)`);

    await db.query(`
      CREATE TABLE ingested_files (
        sha256       char(64)     NOT NULL,
        file_name    varchar(500) NOT NULL,
        format       varchar(20)  NOT NULL,
        rows         integer      NOT NULL,
        ingested_at  timestamptz  NOT NULL,
        CONSTRAINT ingested_files_pkey PRIMARY KEY (sha256),
        CONSTRAINT ingested_files_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ingested_files_rows_non_negative CHECK (rows >= 0)
      )`);

    await db.query(`
      CREATE TABLE stream_offsets (
        consumer_group   varchar(255) NOT NULL,
        topic            varchar(255) NOT NULL,
        partition        integer      NOT NULL,
        next_offset      bigint       NOT NULL,
        updated_at       timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT stream_offsets_pkey PRIMARY KEY (consumer_group, topic, partition),
        CONSTRAINT stream_offsets_offset_non_negative CHECK (next_offset >= 0)
      )`);

    // Owned by the warehouse sync; shaped like the warehouse's raw._sync_state (docs/conventions.md).
    await db.query(`
      CREATE TABLE sync_state (
        table_name    varchar(100) NOT NULL,
        watermark     bigint       NOT NULL DEFAULT 0,
        xmin_horizon  xid8,
        updated_at    timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT sync_state_pkey PRIMARY KEY (table_name)
      )`);

    // Runs of scheduled jobs (sync, dbt, batch), for the scheduler and the dashboard.
    await db.query(`
      CREATE TABLE pipeline_runs (
        run_id       bigint GENERATED ALWAYS AS IDENTITY,
        job          varchar(100) NOT NULL,
        started_at   timestamptz  NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        rows         bigint,
        status       varchar(10)  NOT NULL DEFAULT 'running',
        error        text,
        CONSTRAINT pipeline_runs_pkey PRIMARY KEY (run_id),
        CONSTRAINT pipeline_runs_status_valid CHECK (status IN ('running', 'succeeded', 'failed'))
      )`);
    await db.query(`CREATE INDEX pipeline_runs_job_started_idx ON pipeline_runs (job, started_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['pipeline_runs', 'sync_state', 'stream_offsets', 'ingested_files', 'transactions', 'accounts', 'customers']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
