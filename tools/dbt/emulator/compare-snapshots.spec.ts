import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePythonEnv, repoRoot } from '@ledgerline/testing';

// The SCD2 oracle of compare_snapshots.py (what tools/dbt/emulator-snapshots.sh holds both dbt
// builds to): each case gives the snapshot before a run and the staging rows now, and the
// versions SCD2 requires after it. A wrong oracle would let a wrong snapshot pass, so it is
// tested on its own, without dbt. One Python run for every case.
type Version = [key: string, validFrom: string, validTo: string | null];
const CLOSED = '<closed by delete>';
const CASES: ReadonlyArray<{ name: string; before: Version[]; live: Record<string, string>; expected: Version[] }> = [
  { name: 'first run: one open version per key', before: [], live: { a: 't1', b: 't1' }, expected: [['a', 't1', null], ['b', 't1', null]] },
  { name: 'unchanged key: nothing added', before: [['a', 't0', 't1'], ['a', 't1', null]], live: { a: 't1' }, expected: [['a', 't0', 't1'], ['a', 't1', null]] },
  { name: 'updated key: one new version, the old one closed at the new updated_at', before: [['a', 't1', null]], live: { a: 't2' }, expected: [['a', 't1', 't2'], ['a', 't2', null]] },
  { name: 'deleted key: its open version closed, nothing added', before: [['a', 't1', null], ['b', 't1', null]], live: { b: 't1' }, expected: [['a', 't1', CLOSED], ['b', 't1', null]] },
  { name: 'a key back after a delete: one new open version', before: [['a', 't1', 't9']], live: { a: 't2' }, expected: [['a', 't1', CLOSED], ['a', 't2', null]] },
];

interface Answer {
  expected: Version[][];
  // versions_of over rows: a close time that opens no later version is a delete's.
  marked: Version[];
  // The check strategy: times become runs, and a changed checked column is the next run.
  ranked: Version[];
  checkStamps: Record<string, string>;
  checkExpected: Version[];
}

let answer: Answer;

beforeAll(async () => {
  const { python } = await ensurePythonEnv();
  const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(join(repoRoot(), 'tools/dbt/emulator'))})
from compare_snapshots import check_stamps, expected_versions, run_ranked, versions_of
cases = json.loads(sys.stdin.read())
rows = lambda vs: [{"k": k, "dbt_valid_from": f, "dbt_valid_to": t} for k, f, t in vs]
flat = lambda counter: sorted(([k, f, t] for (k, f, t), n in counter.items() for _ in range(n)), key=lambda v: (v[0], v[1], str(v[2])))
out = {
    "expected": [flat(expected_versions(rows(c["before"]), c["live"], "k")) for c in cases],
    "marked": flat(versions_of(rows([["a", "t1", "t2"], ["a", "t2", "t7"], ["b", "t1", None]]), "k")),
}
ranked = run_ranked([{**r, "dbt_updated_at": r["dbt_valid_from"]} for r in rows([["a", "10:00", "11:00"], ["a", "11:00", None], ["b", "10:00", "11:05"]])])
out["ranked"] = [[r["k"], r["dbt_valid_from"], r["dbt_valid_to"]] for r in ranked]
before = [{"k": k, "dbt_valid_from": "run 001", "dbt_valid_to": None, "status": s} for k, s in (("a", "open"), ("b", "open"), ("gone", "open"))]
stamps = check_stamps(before, {"a": ("open",), "b": ("frozen",), "new": ("open",)}, "k", ("status",))
out["checkStamps"] = stamps
out["checkExpected"] = flat(expected_versions(before, stamps, "k"))
print(json.dumps(out))
`;
  const run = spawnSync(python, ['-c', script], { input: JSON.stringify(CASES), encoding: 'utf8', cwd: repoRoot() });
  if (run.status !== 0) throw new Error(`compare_snapshots oracle failed: ${run.stderr}`);
  answer = JSON.parse(run.stdout) as Answer;
}, 120_000);

describe('compare_snapshots.py SCD2 oracle', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    expect(answer.expected[i]).toEqual(CASES[i]!.expected);
  });

  it('check strategy: times become the run that made them; a delete\'s close time stays a time', () => {
    expect(answer.ranked).toEqual([
      ['a', 'run 001', 'run 002'],
      ['a', 'run 002', null],
      ['b', 'run 001', '11:05'],
    ]);
  });

  it('check strategy: a changed checked column is a new version in the next run, an unchanged one is not', () => {
    expect(answer.checkStamps).toEqual({ a: 'run 001', b: 'run 002', new: 'run 002' });
    expect(answer.checkExpected).toEqual([
      ['a', 'run 001', null],
      ['b', 'run 001', 'run 002'],
      ['b', 'run 002', null],
      ['gone', 'run 001', CLOSED],
      ['new', 'run 002', null],
    ]);
  });

  it('reads a close time that opens another version as an update, any other as a delete', () => {
    expect(answer.marked).toEqual([
      ['a', 't1', 't2'],
      ['a', 't2', CLOSED],
      ['b', 't1', null],
    ]);
  });
});
