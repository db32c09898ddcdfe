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
