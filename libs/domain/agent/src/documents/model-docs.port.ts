import { token } from '@ledgerline/di';

export interface ModelColumnDoc {
  readonly name: string;
  readonly description: string;
  /** The database type, when dbt's catalog.json knows it. */
  readonly type?: string;
}

/** The documentation dbt keeps for one model, seed or source table. */
export interface ModelDoc {
  readonly name: string;
  readonly resourceType: 'model' | 'seed' | 'source' | 'snapshot';
  /** Where it is built (`marts`, `staging`, `raw`...), when known. */
  readonly schema?: string;
  readonly description: string;
  readonly columns: readonly ModelColumnDoc[];
  /** The file it came from, relative to the dbt project. */
  readonly path?: string;
}

/**
 * dbt's model documentation: from dbt/target/manifest.json + catalog.json when `dbt docs
 * generate` has run, else from the models' YAML files. Read by the schema tool and indexed.
 */
export interface ModelDocsSource {
  load(): Promise<ModelDoc[]>;
}

export const MODEL_DOCS = token<ModelDocsSource>('ModelDocsSource');

/** For setups without a dbt project. */
export const noModelDocs: ModelDocsSource = { load: async () => [] };
