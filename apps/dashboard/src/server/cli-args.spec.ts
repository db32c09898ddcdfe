import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.ts';

describe('dashboard command line', () => {
  it('reads the port and --no-agent', () => {
    expect(parseCliArgs([])).toEqual({ help: false, agent: true });
    expect(parseCliArgs(['--port', '0', '--no-agent'])).toEqual({ help: false, agent: false, port: 0 });
  });

  it('refuses a bad port and unknown options', () => {
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port: expected 0..65535/);
    expect(() => parseCliArgs(['--colour'])).toThrow();
  });
});
