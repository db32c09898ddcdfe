/**
 * Finds why `npm ci` would refuse a lockfile: a package's optional dependency with no entry of its
 * own (npm 11 leaves other platforms' binaries out, npm/cli#8805), or a manifest whose declared
 * dependencies differ from what the lockfile recorded for it.
 */
export interface LockEntry {
  version?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
export interface Lockfile {
  packages: Record<string, LockEntry>;
}
export interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Node's lookup: `<path>/node_modules/<name>`, then each enclosing node_modules up to the root. */
function resolves(lock: Lockfile, fromPath: string, name: string): boolean {
  let base = fromPath;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate]) return true;
    if (base === '') return false;
    const cut = base.lastIndexOf('node_modules/');
    base = cut <= 0 ? '' : base.slice(0, cut - 1);
  }
}

export function missingOptionalEntries(lock: Lockfile): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolves(lock, path, name)) missing.push(`${name} (optional dependency of ${path || 'the root'})`);
    }
  }
  return missing.sort();
}

const FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Differences between a manifest and the lockfile entry npm recorded for it ('' = the root). */
export function manifestDrift(lock: Lockfile, entryPath: string, manifest: Manifest): string[] {
  const entry = lock.packages[entryPath];
  const where = entryPath || 'package.json';
  if (!entry) return [`${where}: no lockfile entry`];
  const drift: string[] = [];
  for (const field of FIELDS) {
    const declared = manifest[field] ?? {};
    const locked = entry[field] ?? {};
    for (const name of new Set([...Object.keys(declared), ...Object.keys(locked)])) {
      if (declared[name] !== locked[name]) {
        drift.push(`${where} ${field}.${name}: package.json says ${declared[name] ?? '(nothing)'}, lockfile ${locked[name] ?? '(nothing)'}`);
      }
    }
  }
  return drift;
}
