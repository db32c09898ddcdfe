/** What the emulator remembers about one executed statement (GET /__emulator/query-history). */
export interface QueryRecord {
  queryId: string;
  sessionId: string;
  user: string;
  sqlText: string;
  queryTag: string | null;
  status: 'RUNNING' | 'SUCCESS' | 'FAILED_WITH_ERROR';
  errorCode: string | null;
  errorMessage: string | null;
  startTime: string;
}

const MAX_RECORDS = 10_000;

/** Recent statements in execution order, newest last; old ones fall off past MAX_RECORDS. */
export class QueryHistory {
  private readonly records: QueryRecord[] = [];
  private readonly byId = new Map<string, QueryRecord>();

  add(record: QueryRecord): QueryRecord {
    this.records.push(record);
    this.byId.set(record.queryId, record);
    if (this.records.length > MAX_RECORDS) {
      const dropped = this.records.shift();
      if (dropped) this.byId.delete(dropped.queryId);
    }
    return record;
  }

  get(queryId: string): QueryRecord | undefined {
    return this.byId.get(queryId);
  }

  all(): QueryRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records.length = 0;
    this.byId.clear();
  }
}
