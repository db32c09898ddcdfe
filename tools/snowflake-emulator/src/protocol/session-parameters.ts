export type ParameterValue = string | number | boolean;

/**
 * Parameters the server reports at login and with every result. The driver reads the output
 * formats when it renders dates as strings, and JS_TREAT_INTEGER_AS_BIGINT when it converts
 * integers; values the client sent at login (SESSION_PARAMETERS) or with ALTER SESSION win.
 */
export const DEFAULT_PARAMETERS: Readonly<Record<string, ParameterValue>> = {
  TIMEZONE: 'UTC',
  TIMESTAMP_OUTPUT_FORMAT: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM',
  TIMESTAMP_NTZ_OUTPUT_FORMAT: 'YYYY-MM-DD HH24:MI:SS.FF3',
  TIMESTAMP_LTZ_OUTPUT_FORMAT: '',
  TIMESTAMP_TZ_OUTPUT_FORMAT: '',
  DATE_OUTPUT_FORMAT: 'YYYY-MM-DD',
  TIME_OUTPUT_FORMAT: 'HH24:MI:SS',
  BINARY_OUTPUT_FORMAT: 'HEX',
  CLIENT_SESSION_KEEP_ALIVE: false,
  CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY: 3600,
  CLIENT_RESULT_CHUNK_SIZE: 160,
  QUERY_CONTEXT_CACHE_SIZE: 5,
  JS_TREAT_INTEGER_AS_BIGINT: false,
  // Real accounts answer 65280; the driver's own default is 100000. Above it the driver tries
  // a temporary SYSTEM$BIND stage, which the emulator declines, so the driver falls back to
  // sending the binds inline (see README).
  CLIENT_STAGE_ARRAY_BINDING_THRESHOLD: 65280,
};

export function parameterList(values: ReadonlyMap<string, ParameterValue>): Array<{ name: string; value: ParameterValue }> {
  return [...values].map(([name, value]) => ({ name, value }));
}
