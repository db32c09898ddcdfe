export { createLogger, silentLogger, type Logger, type LogLevel, type LogFields, type LoggerOptions } from './logger.ts';
export { onStopSignal } from './on-stop-signal.ts';
