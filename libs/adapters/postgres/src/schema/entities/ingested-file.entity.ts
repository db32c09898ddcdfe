import { EntitySchema } from 'typeorm';

export interface IngestedFileRow {
  sha256: string;
  file_name: string;
  format: string;
  rows: number;
  ingested_at: Date;
}

export const IngestedFileEntity = new EntitySchema<IngestedFileRow>({
  name: 'IngestedFile',
  tableName: 'ingested_files',
  columns: {
    sha256: { type: 'char', length: 64, primary: true },
    file_name: { type: 'varchar', length: 500 },
    format: { type: 'varchar', length: 20 },
    rows: { type: 'integer' },
    ingested_at: { type: 'timestamptz' },
  },
});
