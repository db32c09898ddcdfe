import { SnowflakeError } from '../protocol/snowflake-error.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { optionBoolean, optionString, parseOptions } from '../sql/option-list.ts';
import { TokenEditor } from '../sql/token-editor.ts';
import { parseStageRef } from './stage-ref.ts';

/**
 * PUT file://<path> @stage[/path] [AUTO_COMPRESS=..] [SOURCE_COMPRESSION=..] [OVERWRITE=..] [PARALLEL=..]
 *
 * The driver uploads PUT files itself (lib/file_transfer_agent): it first sends the PUT text
 * to the server, which answers with where to put the file. The emulator answers with a
 * LOCAL_FS stage location, so the driver copies (and gzips) the file into the stage directory.
 */
export function putCommand({ state, session }: ExecContext, sql: string): Record<string, unknown> {
  const match = /^\s*PUT\s+('(?:[^']|'')*'|\S+)\s+('(?:[^']|'')*'|\S+)\s*([\s\S]*)$/i.exec(sql);
  if (!match) throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: PUT file://<path> @<stage> expected.');
  const [, fileText = '', stageText = '', optionText = ''] = match;
  const fileUri = unquote(fileText);
  if (!/^file:\/\//i.test(fileUri)) throw new SnowflakeError('001003', '42000', `SQL compilation error:\nPUT source must be a file:// URI: ${fileUri}`);
  const sourcePath = fileUri.slice('file://'.length);
  const ref = parseStageRef(unquote(stageText));
  if (ref.kind === 'named' && ref.name === 'SYSTEM$BIND') {
    throw new SnowflakeError('002003', '02000', 'SQL compilation error:\nStage SYSTEM$BIND is not emulated; binds are read inline.');
  }
  const location = state.stages.directory(ref, { schema: session.schema, user: session.user });
  const editor = new TokenEditor(optionText);
  const options = parseOptions(editor, 0, editor.length);
  const sourceCompression = (optionString(options, 'SOURCE_COMPRESSION') ?? 'AUTO_DETECT').toLowerCase();
  return {
    command: 'UPLOAD',
    src_locations: [sourcePath],
    autoCompress: optionBoolean(options, 'AUTO_COMPRESS') ?? true,
    // The driver cannot look up 'none' (it throws), and for an uncompressed file auto
    // detection gives the same answer.
    sourceCompression: sourceCompression === 'none' ? 'auto_detect' : sourceCompression,
    overwrite: optionBoolean(options, 'OVERWRITE') ?? false,
    parallel: Number(optionString(options, 'PARALLEL') ?? 4),
    presignedUrls: [],
    stageInfo: {
      locationType: 'LOCAL_FS',
      location: location,
      path: ref.path ? `${ref.path}/` : '',
      region: null,
      storageAccount: null,
      isClientSideEncrypted: false,
      creds: {},
    },
  };
}

function unquote(text: string): string {
  return text.startsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
}
