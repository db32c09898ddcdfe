import type { LedgerlineEnv } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import type { Logger } from '@ledgerline/logging';
import type { ExtraStage } from './extra-stage.ts';
import { indexStage } from './index-stage.ts';

export interface ExtraStageContext {
  env: LedgerlineEnv;
  root: CompositionRoot;
  logger: Logger;
  repoRoot: string;
  customers: number;
}

/** The optional stages (batch statements, vector index), wired as their libraries land. */
export async function buildExtraStages(ctx: ExtraStageContext): Promise<ExtraStage[]> {
  return [indexStage(ctx.env, ctx.repoRoot, ctx.logger.child('index'))];
}
