export { parseLsn, formatLsn, lsnToNumber, type Lsn } from './events/lsn.ts';
export {
  CHANGE_OPS,
  UNAVAILABLE_VALUE,
  type ChangeOp,
  type ColumnValue,
  type RowChange,
  type RowImage,
  type SourceMessage,
} from './events/row-change.ts';
export {
  SNAPSHOT_MARKERS,
  changeEventSchema,
  changeSourceInfoSchema,
  decodeChangeEvent,
  type ChangeEvent,
  type ChangeSourceInfo,
  type DecodedChangeEvent,
} from './events/change-event.ts';
export { changeTopic } from './events/change-topic.ts';
export { shapeChangeEvent, type ShapedChangeEvent, type ShapeOptions } from './events/shape-change-event.ts';
export { splitKeyChange } from './events/split-key-change.ts';
export { foldChangeEvents } from './events/fold-change-events.ts';
export {
  CHANGE_SOURCE,
  type ChangeSource,
  type ChangeSourceStatus,
  type OpenedSource,
  type StreamHandler,
} from './ports/change-source.port.ts';
export {
  runChangeCapture,
  type ChangeCapture,
  type ChangeCaptureDeps,
  type ChangeCaptureOptions,
} from './capture/run-change-capture/run-change-capture.ts';
export type { ChangeCaptureStats } from './capture/run-change-capture/capture-stats.ts';
export { OBJECT_STORE, validateObjectKey, type ObjectStore, type StoredObject } from './ports/object-store.port.ts';
export {
  DEFAULT_LANDING_PREFIX,
  LANDING_COLUMNS,
  landingColumnsSql,
  landingDate,
  landingFileKey,
  landingRow,
  parseLandingFileKey,
  type LandingColumnName,
  type LandingFileKey,
  type LandingRow,
} from './landing/landing-file.ts';
export { parseLandedObjectKey, changeLogTableName, type LandedObjectName, type ParsedLandedKey } from './load/landed-object-key.ts';
export {
  CHANGE_LOG_WAREHOUSE,
  type ChangeLogWarehouse,
  type LoadObjectResult,
  type ManifestEntry,
  type ObjectToLoad,
} from './ports/change-log-warehouse.port.ts';
export { LANDING_FILE_INSPECTOR, type InspectionResult, type LandingFileInspector } from './ports/landing-file-inspector.port.ts';
export {
  loadLandedObject,
  DEFAULT_QUARANTINE_PREFIX,
  type LandingLoadDeps,
  type LandingLoadOptions,
  type ObjectLoadReport,
} from './load/load-landed-object/load-landed-object.ts';
export { quarantineObject } from './load/load-landed-object/quarantine-object.ts';
export { reconcileLanding, type ReconcileReport } from './load/reconcile-landing.ts';
export { runLandingLoader, type LandingLoader, type LandingLoaderOptions, type LandingLoadOutcome } from './load/run-landing-loader/run-landing-loader.ts';
export {
  CHANGE_LOG_READER,
  PARQUET_FILE_WRITER,
  type ChangeLogBatch,
  type ChangeLogMessage,
  type ChangeLogReader,
  type ChangeLogReadOptions,
  type ChangeLogReading,
  type ParquetFileWriter,
} from './ports/landing-ports.port.ts';
export {
  runLandingWriter,
  type LandingStats,
  type LandingWriter,
  type LandingWriterDeps,
  type LandingWriterOptions,
} from './landing/run-landing-writer/run-landing-writer.ts';
export { parseS3EventNotification, type NotifiedObject, type ParsedS3Notification } from './load/s3-event-notification.ts';
export { subscriberChangeLogReader, type ChangeLogOffsets, type SubscriberChangeLogReaderOptions } from './landing/subscriber-change-log-reader.ts';
