export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(scope: string, fields?: LogFields): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level?: LogLevel;
  format?: 'pretty' | 'json';
  scope?: string;
  fields?: LogFields;
  /** Where lines go; stderr by default so that stdout stays clean for command output. */
  write?: (line: string) => void;
}

/** Small structured logger: pretty lines for people, JSON lines for machines. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const format = options.format ?? 'pretty';
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = options.fields ?? {};

  const emit = (lvl: LogLevel, message: string, fields?: LogFields) => {
    if (rank[lvl] < rank[level]) return;
    const all = { ...base, ...fields };
    if (format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, scope: options.scope, message, ...all }, jsonSafe));
      return;
    }
    const time = new Date().toISOString().slice(11, 23);
    const scope = options.scope ? ` [${options.scope}]` : '';
    const extra = Object.entries(all)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v, jsonSafe)}`)
      .join(' ');
    write(`${time} ${lvl.toUpperCase().padEnd(5)}${scope} ${message}${extra ? ` ${extra}` : ''}`);
  };

  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (scope, fields) =>
      createLogger({ ...options, scope: options.scope ? `${options.scope}/${scope}` : scope, fields: { ...base, ...fields } }),
  };
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** A logger that drops everything, for tests and library defaults. */
export const silentLogger: Logger = createLogger({ write: () => undefined, level: 'error' });
