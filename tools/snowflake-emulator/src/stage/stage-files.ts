import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface StageFile {
  /** Absolute path on disk. */
  absolute: string;
  /** Path relative to the stage root, with forward slashes. */
  name: string;
  size: number;
  modified: Date;
}

/**
 * Files of a stage whose path starts with `prefix` (Snowflake treats the path after
 * `@stage/` as a prefix: a folder, or the start of file names).
 */
export function listStageFiles(stageRoot: string, prefix: string): StageFile[] {
  if (!existsSync(stageRoot)) return [];
  const files: StageFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (entry.isFile()) {
        const name = relative(stageRoot, absolute).split(sep).join('/');
        if (name.startsWith(prefix)) {
          const stat = statSync(absolute);
          files.push({ absolute, name, size: stat.size, modified: stat.mtime });
        }
      }
    }
  };
  walk(stageRoot);
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** Snowflake PATTERN options are regular expressions matched against the whole path. */
export function matchesPattern(name: string, pattern: string | undefined): boolean {
  return pattern === undefined || new RegExp(`^(?:${pattern})$`).test(name);
}

export function md5Of(path: string): string {
  return createHash('md5').update(readFileSync(path)).digest('hex');
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
