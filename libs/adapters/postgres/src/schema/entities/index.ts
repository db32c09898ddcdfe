import { AccountEntity } from './account.entity.ts';
import { CompanyEntity } from './company.entity.ts';
import { CustomerCompanyEntity } from './customer-company.entity.ts';
import { CustomerEntity } from './customer.entity.ts';
import { DeletedRowEntity } from './deleted-row.entity.ts';
import { IngestedFileEntity } from './ingested-file.entity.ts';
import { PipelineRunEntity } from './pipeline-run.entity.ts';
import { StreamOffsetEntity } from './stream-offset.entity.ts';
import { SyncStateEntity } from './sync-state.entity.ts';
import { TransactionEntity } from './transaction.entity.ts';

export { AccountEntity, type AccountRow } from './account.entity.ts';
export { CompanyEntity, type CompanyRow } from './company.entity.ts';
export { CustomerCompanyEntity, type CustomerCompanyRow } from './customer-company.entity.ts';
export { CustomerEntity, type CustomerRow } from './customer.entity.ts';
export { DeletedRowEntity, type DeletedRowRow } from './deleted-row.entity.ts';
export { IngestedFileEntity, type IngestedFileRow } from './ingested-file.entity.ts';
export { PipelineRunEntity, type PipelineRunRow } from './pipeline-run.entity.ts';
export { StreamOffsetEntity, type StreamOffsetRow } from './stream-offset.entity.ts';
export { SyncStateEntity, type SyncStateRow } from './sync-state.entity.ts';
export { TransactionEntity, type TransactionRow } from './transaction.entity.ts';

/** Every table's mapping; the DataSource registers them all. */
export const ENTITIES = [
  CustomerEntity,
  AccountEntity,
  CompanyEntity,
  CustomerCompanyEntity,
  TransactionEntity,
  IngestedFileEntity,
  StreamOffsetEntity,
  SyncStateEntity,
  DeletedRowEntity,
  PipelineRunEntity,
];
