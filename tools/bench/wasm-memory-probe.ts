import { readFileSync } from 'node:fs';

/** Anything this large and not resident is a guard reservation, not data. */
const GUARD_MIN_KB = 4 * 1024 * 1024;

/**
 * Resident MB of the WebAssembly memories in process `pid` (PGlite's Postgres heap), from
 * /proc/<pid>/smaps; 0 when unreadable.
 *
 * How they are found: V8 maps a 64-bit WASM memory as its current size followed directly by
 * a multi-GB inaccessible guard region (so bounds checks cost nothing); no other mapping in
 * node has that shape. The memory itself is the anonymous mapping just before such a guard.
 */
export function wasmMemoryResidentMb(pid: number): number {
  let smaps: string;
  try {
    smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return 0;
  }
  const regions: Array<{ start: bigint; end: bigint; anonymous: boolean; sizeKb: number; rssKb: number }> = [];
  for (const line of smaps.split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (header) {
      regions.push({ start: BigInt(`0x${header[1]}`), end: BigInt(`0x${header[2]}`), anonymous: header[3] === '0' && (header[4] ?? '') === '', sizeKb: 0, rssKb: 0 });
      continue;
    }
    const current = regions.at(-1);
    if (!current) continue;
    const field = /^(Size|Rss):\s+(\d+) kB/.exec(line);
    if (field?.[1] === 'Size') current.sizeKb = Number(field[2]);
    if (field?.[1] === 'Rss') current.rssKb = Number(field[2]);
  }
  let residentKb = 0;
  for (let i = 0; i + 1 < regions.length; i++) {
    const memory = regions[i];
    const guard = regions[i + 1];
    if (!memory || !guard) continue;
    const isGuard = guard.anonymous && guard.rssKb === 0 && guard.sizeKb >= GUARD_MIN_KB && guard.start === memory.end;
    if (memory.anonymous && isGuard) residentKb += memory.rssKb;
  }
  return Math.round(residentKb / 1024);
}
