import type { LedgerlineEnv } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import type { Logger } from '@ledgerline/logging';
import type { ExtraStage } from './extra-stage.ts';

export interface ExtraStageContext {
  env: LedgerlineEnv;
  root: CompositionRoot;
  logger: Logger;
  repoRoot: string;
  customers: number;
}

/** The optional stages (batch statements, vector index), wired as their libraries land. */
export async function buildExtraStages(_ctx: ExtraStageContext): Promise<ExtraStage[]> {
  return [];
}
