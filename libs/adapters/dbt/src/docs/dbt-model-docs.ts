import type { ModelDoc, ModelDocsSource } from '@ledgerline/agent';
import { readDbtManifestDocs } from './dbt-manifest-docs.ts';
import { readDbtYamlDocs } from './dbt-yaml-docs.ts';

/**
 * The ModelDocsSource of the app: dbt's manifest (+ catalog) when `dbt` has compiled the project,
 * else the YAML property files. Read once per process.
 */
export class DbtModelDocs implements ModelDocsSource {
  private docs: ModelDoc[] | undefined;

  constructor(private readonly projectDir: string) {}

  async load(): Promise<ModelDoc[]> {
    this.docs ??= readDbtManifestDocs(this.projectDir) ?? readDbtYamlDocs(this.projectDir);
    return this.docs;
  }
}
