import type { Lsn } from '../../events/lsn.ts';

export interface ChangeCaptureStats {
  snapshotRows: number;
  /** Events Kafka acknowledged (snapshot reads included). */
  published: number;
  acknowledgedLsn: string | null;
  /** Events published per second, averaged over the run so far. */
  eventsPerSecond: number;
  phase: 'starting' | 'snapshot' | 'streaming' | 'stopped';
}

export class CaptureStats {
  snapshotRows = 0;
  published = 0;
  acknowledgedLsn: Lsn | null = null;
  phase: ChangeCaptureStats['phase'] = 'starting';
  private readonly startedAtMs: number;

  constructor(private readonly nowMs: () => number) {
    this.startedAtMs = nowMs();
  }

  snapshot(formatLsn: (lsn: Lsn) => string): ChangeCaptureStats {
    const seconds = Math.max(0.001, (this.nowMs() - this.startedAtMs) / 1000);
    return {
      snapshotRows: this.snapshotRows,
      published: this.published,
      acknowledgedLsn: this.acknowledgedLsn === null ? null : formatLsn(this.acknowledgedLsn),
      eventsPerSecond: Math.round(this.published / seconds),
      phase: this.phase,
    };
  }
}
