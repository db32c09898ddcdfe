import { copyFile, constants, link, mkdir, rename, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

export type MoveConflict = 'suffix' | 'replace' | 'fail';

export interface MoveOptions {
  /** A file of the same name already in the target folder: `suffix` (default) keeps both as `name-1.csv`. */
  onConflict?: MoveConflict;
}

const MAX_SUFFIX = 10_000;

/**
 * Moves a file into a folder (processed/, quarantine/) and returns its new path. Without
 * `replace` an existing file is never overwritten: the new name is claimed with a hard link,
 * which fails atomically if the name is taken. Across file systems it copies, then deletes.
 */
export async function moveFile(source: string, targetDir: string, options: MoveOptions = {}): Promise<string> {
  const onConflict = options.onConflict ?? 'suffix';
  await mkdir(targetDir, { recursive: true });
  const name = basename(source);
  if (onConflict === 'replace') {
    const target = join(targetDir, name);
    await renameOrCopy(source, target, false);
    return target;
  }
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; n < MAX_SUFFIX; n++) {
    const target = join(targetDir, n === 0 ? name : `${stem}-${n}${ext}`);
    try {
      await renameOrCopy(source, target, true);
      return target;
    } catch (error) {
      if (!isCode(error, 'EEXIST') || onConflict === 'fail') throw error;
    }
  }
  throw new Error(`moveFile: no free name for ${name} in ${targetDir}`);
}

async function renameOrCopy(source: string, target: string, exclusive: boolean): Promise<void> {
  try {
    if (exclusive) {
      await link(source, target);
      await unlink(source);
    } else {
      await rename(source, target);
    }
  } catch (error) {
    // EXDEV: another file system; EPERM/ENOTSUP: no hard links here. Copy, then remove the source.
    if (!isCode(error, 'EXDEV') && !isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP')) throw error;
    await copyFile(source, target, exclusive ? constants.COPYFILE_EXCL : 0);
    await unlink(source);
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}
