import { DuckDBDecimalType, DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { isTimestampTzType } from '../sql/timestamp-tz.ts';

/** Snowflake's logical types as the driver names them (lib/connection/result/data_types.js). */
export type SnowflakeType =
  | 'fixed'
  | 'real'
  | 'text'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamp_ntz'
  | 'timestamp_tz'
  | 'binary'
  | 'variant'
  | 'object'
  | 'array';

/** One entry of a result's `rowtype`. */
export interface ColumnMetadata {
  name: string;
  database: string;
  schema: string;
  table: string;
  type: SnowflakeType;
  precision: number | null;
  scale: number | null;
  length: number | null;
  byteLength: number | null;
  nullable: boolean;
  collation: null;
}

const TEXT_LENGTH = 16_777_216;

export function snowflakeTypeOf(type: DuckDBType): SnowflakeType {
  if (type.alias?.toUpperCase() === 'JSON') return 'variant';
  if (isTimestampTzType(type)) return 'timestamp_tz';
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DECIMAL:
      return 'fixed';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'real';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
      return 'time';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return 'timestamp_ntz';
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp_tz';
    case DuckDBTypeId.BLOB:
      return 'binary';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return 'array';
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
      return 'object';
    default:
      return 'text';
  }
}

export function columnMetadata(name: string, type: DuckDBType, location: { schema?: string; table?: string } = {}): ColumnMetadata {
  const sfType = snowflakeTypeOf(type);
  const decimal = type instanceof DuckDBDecimalType ? type : undefined;
  const isTemporal = sfType === 'time' || sfType === 'timestamp_ntz' || sfType === 'timestamp_tz';
  return {
    name,
    database: '',
    schema: location.schema ?? '',
    table: location.table ?? '',
    type: sfType,
    precision: sfType === 'fixed' ? (decimal?.width ?? 38) : isTemporal ? 0 : null,
    scale: sfType === 'fixed' ? (decimal?.scale ?? 0) : isTemporal ? 9 : null,
    length: sfType === 'text' || sfType === 'variant' ? TEXT_LENGTH : null,
    byteLength: sfType === 'text' || sfType === 'variant' || sfType === 'binary' ? TEXT_LENGTH : null,
    nullable: true,
    collation: null,
  };
}

/** A metadata entry for emulator-made results (DML counts, statuses). */
export function syntheticColumn(name: string, type: 'fixed' | 'text'): ColumnMetadata {
  return {
    name,
    database: '',
    schema: '',
    table: '',
    type,
    precision: type === 'fixed' ? 19 : null,
    scale: type === 'fixed' ? 0 : null,
    length: type === 'text' ? TEXT_LENGTH : null,
    byteLength: type === 'text' ? TEXT_LENGTH : null,
    nullable: false,
    collation: null,
  };
}
