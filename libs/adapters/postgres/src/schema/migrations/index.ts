import { CreateTables1767225600000 } from './1767225600000-create-tables.ts';
import { ChangeTracking1767225600001 } from './1767225600001-change-tracking.ts';
import { StampInsertsByDefault1767225600002 } from './1767225600002-stamp-inserts-by-default.ts';
import { DropOccurredAtIndex1767225600003 } from './1767225600003-drop-occurred-at-index.ts';
import { AccountOpenings1767225600004 } from './1767225600004-account-openings.ts';
import { TransactionVersion1767225600007 } from './1767225600007-transaction-version.ts';
import { EmbeddedEventLog1767225600008 } from './1767225600008-embedded-event-log.ts';
import { ProducerCheckpoints1767225600009 } from './1767225600009-producer-checkpoints.ts';
import { FurthestStreamOffset1767225600010 } from './1767225600010-furthest-stream-offset.ts';
import { InvestmentTrades1767225600011 } from './1767225600011-investment-trades.ts';
import { Companies1767225600012 } from './1767225600012-companies.ts';
import { TradeColumnsTracked1767225600013 } from './1767225600013-trade-columns-tracked.ts';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [
  CreateTables1767225600000,
  ChangeTracking1767225600001,
  StampInsertsByDefault1767225600002,
  DropOccurredAtIndex1767225600003,
  AccountOpenings1767225600004,
  TransactionVersion1767225600007,
  EmbeddedEventLog1767225600008,
  ProducerCheckpoints1767225600009,
  FurthestStreamOffset1767225600010,
  InvestmentTrades1767225600011,
  Companies1767225600012,
  TradeColumnsTracked1767225600013,
];

/** The table in which TypeORM records applied migrations. */
export const MIGRATIONS_TABLE = 'schema_migrations';
