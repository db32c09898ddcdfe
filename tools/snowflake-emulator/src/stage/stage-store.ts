import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OptionMap } from '../sql/option-list.ts';
import { SnowflakeError } from '../protocol/snowflake-error.ts';
import type { StageRef } from './stage-ref.ts';

interface NamedStage {
  schema: string;
  name: string;
  fileFormat: OptionMap | undefined;
  /** Session that created a TEMPORARY stage; the stage goes when the session ends. */
  temporaryFor: string | null;
}

export interface StageScope {
  schema: string | null;
  user: string;
}

/**
 * Stages as LOCAL_FS directories under one root: the driver copies PUT files there itself
 * (the emulator answers PUT with `locationType: LOCAL_FS`), and COPY INTO reads them back.
 *   @~          -> <root>/user/<USER>/
 *   @%T         -> <root>/table/<SCHEMA>/<T>/
 *   @[s.]NAME   -> <root>/named/<SCHEMA>/<NAME>/   (must be created with CREATE STAGE)
 */
export class StageStore {
  private readonly named = new Map<string, NamedStage>();

  constructor(readonly root: string) {}

  create(schema: string, name: string, options: { replace: boolean; ifNotExists: boolean; temporaryFor: string | null; fileFormat?: OptionMap }): string {
    const key = `${schema}.${name}`;
    if (this.named.has(key) && !options.replace) {
      if (options.ifNotExists) return `${name} already exists, statement succeeded.`;
      throw new SnowflakeError('002002', '42710', `SQL compilation error:\nObject '${name}' already exists.`);
    }
    if (options.replace) rmSync(this.namedDir(schema, name), { recursive: true, force: true });
    this.named.set(key, { schema, name, fileFormat: options.fileFormat, temporaryFor: options.temporaryFor });
    mkdirSync(this.namedDir(schema, name), { recursive: true });
    return `Stage area ${name} successfully created.`;
  }

  drop(schema: string, name: string, ifExists: boolean): string {
    const key = `${schema}.${name}`;
    if (!this.named.delete(key)) {
      if (ifExists) return 'Drop statement executed successfully (stage already dropped).';
      throw stageMissing(name);
    }
    rmSync(this.namedDir(schema, name), { recursive: true, force: true });
    return `${name} successfully dropped.`;
  }

  /** Directory a reference points at (including its path); throws for unknown named stages. */
  directory(ref: StageRef, scope: StageScope): string {
    return ref.path ? join(this.stageRoot(ref, scope), ...ref.path.split('/')) : this.stageRoot(ref, scope);
  }

  /** The stage's own root directory, without the reference's path. */
  stageRoot(ref: StageRef, scope: StageScope): string {
    if (ref.kind === 'user') return join(this.root, 'user', safe(scope.user));
    const schema = ref.schema ?? scope.schema;
    if (!schema) throw new SnowflakeError('090105', '22000', 'Cannot perform operation. This session does not have a current schema.');
    if (ref.kind === 'table') return join(this.root, 'table', safe(schema), safe(ref.name));
    if (!this.named.has(`${schema}.${ref.name}`)) throw stageMissing(ref.name);
    return this.namedDir(schema, ref.name);
  }

  fileFormat(ref: StageRef, scope: StageScope): OptionMap | undefined {
    if (ref.kind !== 'named') return undefined;
    const schema = ref.schema ?? scope.schema;
    return this.named.get(`${schema}.${ref.name}`)?.fileFormat;
  }

  dropTemporaryStagesOf(sessionId: string): void {
    for (const stage of [...this.named.values()]) {
      if (stage.temporaryFor === sessionId) this.drop(stage.schema, stage.name, true);
    }
  }

  clear(): void {
    this.named.clear();
    rmSync(this.root, { recursive: true, force: true });
    mkdirSync(this.root, { recursive: true });
  }

  private namedDir(schema: string, name: string): string {
    return join(this.root, 'named', safe(schema), safe(name));
  }
}

function safe(part: string): string {
  return encodeURIComponent(part);
}

function stageMissing(name: string): SnowflakeError {
  return new SnowflakeError('002003', '02000', `SQL compilation error:\nStage '${name}' does not exist or not authorized.`);
}
