// Test helpers for the apps' specs: they read DuckDB files through this, never through
// @duckdb/node-api or a raw connection of their own (lint refuses both in apps; architecture §2).
export { probeDuckDb, type DuckDbProbe, type DuckDbProbeOptions } from './duckdb-probe.ts';
