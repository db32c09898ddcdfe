import { loadLandedObject, type LandingLoadDeps, type LandingLoadOptions, type ObjectLoadReport } from '../load-landed-object/load-landed-object.ts';
import { reconcileLanding, type ReconcileReport } from '../reconcile-landing.ts';

export type LandingLoadOutcome = ObjectLoadReport | { key: string; outcome: 'failed'; error: string };

export interface LandingLoaderOptions extends LandingLoadOptions {
  /** Reconcile pass on start and then every this many ms; 0 = on start only. Default 60 s. */
  reconcileIntervalMs?: number;
  /** Told what was done for each object, from notifications and reconcile passes alike (metrics). */
  onOutcome?: (outcome: LandingLoadOutcome) => void;
}

export interface LandingLoader {
  /**
   * Queues objects named by a notification; resolves with what was done for each. The same key
   * notified twice is loaded once (the second finds the manifest row). A load that throws is
   * reported as failed here and retried by the next reconcile pass.
   */
  notify(keys: readonly string[]): Promise<LandingLoadOutcome[]>;
  /** Runs a reconcile pass now (queued behind the loads in progress). */
  reconcile(): Promise<ReconcileReport>;
  /** Finishes the load in progress, then stops. */
  stop(): Promise<void>;
  /** Resolves after stop(). */
  readonly done: Promise<void>;
}

/**
 * The load-on-arrival service: notifications and reconcile passes go through one queue, so
 * loads run one at a time (one warehouse writer; no two loads of one key interleave).
 */
export function runLandingLoader(deps: LandingLoadDeps, options: LandingLoaderOptions = {}): LandingLoader {
  const logger = deps.logger.child('landing-loader', { prefix: options.prefix ?? 'cdc' });
  const intervalMs = options.reconcileIntervalMs ?? 60_000;
  let tail: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };

  const reconcile = () =>
    serial(async () => {
      const report = await reconcileLanding(deps, options);
      for (const load of report.loads) options.onOutcome?.(load);
      for (const failure of report.failed) options.onOutcome?.({ ...failure, outcome: 'failed' });
      const loaded = report.loads.filter((l) => l.outcome === 'loaded').length;
      const quarantined = report.loads.filter((l) => l.outcome === 'quarantined').length;
      logger.info('reconcile pass', { listed: report.listed, up_to_date: report.upToDate, loaded, quarantined, failed: report.failed.length });
      return report;
    });

  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      reconcile()
        .catch((error: unknown) => logger.error('reconcile pass failed; retrying at the next interval', { error: String(error) }))
        .finally(schedule);
    }, intervalMs);
    timer.unref?.();
  };

  void reconcile()
    .catch((error: unknown) => logger.error('start-up reconcile failed; retrying at the next interval', { error: String(error) }))
    .finally(schedule);

  return {
    notify: (keys) =>
      serial(async () => {
        const reports: LandingLoadOutcome[] = [];
        for (const key of new Set(keys)) {
          const report = await loadLandedObject(deps, options, key).catch((error: unknown): LandingLoadOutcome => {
            logger.error('load failed; the next reconcile pass retries', { key, error: String(error) });
            return { key, outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
          });
          options.onOutcome?.(report);
          reports.push(report);
        }
        return reports;
      }),
    reconcile,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await tail;
      finish();
    },
    done,
  };
}
