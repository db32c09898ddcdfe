import type * as Platformatic from '@platformatic/kafka';

/**
 * @platformatic/kafka, loaded on first use (openKafka with KAFKA_CLIENT=platformatic), so a process
 * on another client never loads it. Its exports are what the adapter's classes take.
 */
export type PlatformaticModule = typeof Platformatic;

let loading: Promise<PlatformaticModule> | undefined;

export function loadPlatformatic(): Promise<PlatformaticModule> {
  return (loading ??= import('@platformatic/kafka'));
}
