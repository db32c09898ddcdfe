import type { StatementFormatReaders } from '@ledgerline/ingestion';
import { Camt053StatementReader } from './camt/camt053-statement-reader.ts';
import { Mt940StatementReader } from './mt940/mt940-statement-reader.ts';
import { OfxStatementReader } from './ofx/ofx-statement-reader.ts';
import { QifStatementReader } from './qif/qif-statement-reader.ts';

/** Every structured statement reader, by format (the batch ingest picks one by detected content). */
export function createStatementFormatReaders(): StatementFormatReaders {
  return {
    ofx: new OfxStatementReader(),
    qif: new QifStatementReader(),
    camt053: new Camt053StatementReader(),
    mt940: new Mt940StatementReader(),
  };
}
