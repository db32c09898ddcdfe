import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@ledgerline/testing';

const promDir = join(repoRoot(), 'docker', 'prometheus');
const ruleFiles = readdirSync(join(promDir, 'rules')).filter((f) => f.endsWith('.yml')).map((f) => join(promDir, 'rules', f));
const promtool = (...args: string[]) => spawnSync('promtool', args, { encoding: 'utf8', cwd: promDir, timeout: 60_000 });

interface RuleFile { groups: Array<{ rules: Array<{ alert?: string; record?: string }> }> }
interface RuleTests { tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }> }

describe('Prometheus rules (docker/prometheus)', () => {
  it('pass promtool check rules', () => {
    const result = promtool('check', 'rules', ...ruleFiles);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it('pass their promtool unit tests', () => {
    const result = promtool('test', 'rules', join('tests', 'ledgerline-alerts.test.yml'));
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('SUCCESS');
  });

  it('test every alert both firing and silent', () => {
    const alerts = ruleFiles.flatMap((f) => (parse(readFileSync(f, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))));
    const tests = parse(readFileSync(join(promDir, 'tests', 'ledgerline-alerts.test.yml'), 'utf8')) as RuleTests;
    const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
    expect(alerts.length).toBeGreaterThanOrEqual(6);
    for (const alert of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect(mine.some((c) => c.exp_alerts.length > 0), `${alert} has a firing case`).toBe(true);
      expect(mine.some((c) => c.exp_alerts.length === 0), `${alert} has a silent case`).toBe(true);
    }
  });

  it('a broken rule makes promtool fail (the check can fail)', () => {
    const result = spawnSync('promtool', ['check', 'rules', '/dev/stdin'], {
      encoding: 'utf8',
      input: 'groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: rate(ledgerline_events_landed_total[5m] > 0\n',
    });
    expect(result.status).not.toBe(0);
  });
});
