import type { KafkaClientName } from '@ledgerline/kafka';
import type { Metric } from '../benchmark.ts';

// How stream-e2e names a client's metrics and the ratios between clients (issue #23 part 3).

/** Metrics of one client's phase: kafkajs keeps the names it always had, another client's get its name appended. */
export function labelled(metrics: Metric[], client: KafkaClientName): Metric[] {
  return client === 'kafkajs' ? metrics : metrics.map((m) => ({ ...m, name: `${m.name} [${client}]` }));
}

/** The bare-consume phase's throughput metric: named by its client (kafkajs' name as it always was). */
export function bareConsumeName(client: KafkaClientName): string {
  return `bare ${client} consume (no sink)`;
}

/** A metric's value by its kafkajs name, for `client` (labelled as its phase was). */
function valueFor(metrics: Metric[], name: string, client: KafkaClientName): number | undefined {
  const wanted = labelled([{ name, value: 0, unit: '' }], client)[0]?.name;
  return metrics.find((m) => m.name === wanted)?.value;
}

/**
 * The ratios the issue asks for (#23 part 3): end to end over bare consume (kafkajs' and the
 * client's own), and every other client over kafkajs (lean) for e2e, sink only and bare consume.
 */
export function clientRatios(metrics: Metric[], clients: KafkaClientName[]): Metric[] {
  const ratios: Metric[] = [];
  const percent = (a: number | undefined, b: number | undefined) => (a && b ? Math.round((a / b) * 1000) / 10 : undefined);
  const push = (name: string, value: number | undefined) => {
    if (value !== undefined) ratios.push({ name, value, unit: '%' });
  };
  const bare = (client: KafkaClientName) => valueFor(metrics, bareConsumeName(client), 'kafkajs');
  const bareKafkajs = bare('kafkajs');
  for (const client of clients) {
    const suffix = client === 'kafkajs' ? '' : ` [${client}]`;
    const e2e = valueFor(metrics, 'end-to-end', client);
    push(`end-to-end / bare kafkajs consume${suffix}`, percent(e2e, bareKafkajs));
    if (client === 'kafkajs') continue;
    push(`end-to-end / bare ${client} consume${suffix}`, percent(e2e, bare(client)));
    for (const phase of ['end-to-end', 'sink only (pre-filled topic)']) push(`${client} / kafkajs: ${phase}`, percent(valueFor(metrics, phase, client), valueFor(metrics, phase, 'kafkajs')));
    push(`${client} / kafkajs: bare consume`, percent(bare(client), bareKafkajs));
  }
  return ratios;
}
