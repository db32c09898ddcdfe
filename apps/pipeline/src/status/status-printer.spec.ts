import { describe, expect, it } from 'vitest';
import { StatusPrinter } from './status-printer.ts';

const output = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (text: string) => chunks.push(text) };
};

describe('StatusPrinter', () => {
  it('prints one line per status in a pipe', () => {
    const out = output(false);
    const printer = new StatusPrinter(out);
    printer.status('a');
    printer.line('log');
    printer.status('b');
    printer.finish();
    expect(out.chunks.join('')).toBe('a\nlog\nb\n');
  });

  it('redraws the status in place on a terminal and keeps other lines above it', () => {
    const out = output(true);
    const printer = new StatusPrinter(out);
    printer.status('a');
    printer.status('b');
    printer.around(() => out.write('warn: x\n'));
    printer.line('stopped');
    printer.finish();
    expect(out.chunks).toEqual(['\r\x1b[2Ka', '\r\x1b[2Kb', '\r\x1b[2K', 'warn: x\n', 'b', '\r\x1b[2K', 'stopped\n', 'b', '\n']);
  });
});
