// Test fixture: one serving refresh in a child process that SIGKILLs itself just before the step
// named by argv[3] runs ('after commit': once the refresh returned, before the file is closed, so
// the commit sits in the WAL not yet checkpointed). For refresh-serving-kill.spec.ts.
import { leaseDuckDb } from '../../connection/shared-instances.ts';
import { refreshServingTables } from './refresh-serving-tables.ts';

const [path, killAt] = process.argv.slice(2);
if (!path || !killAt) throw new Error('usage: refresh-kill.fixture.ts <file> <step | after commit>');
const lease = await leaseDuckDb(path);
await refreshServingTables(lease.connection, {
  onStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
if (killAt === 'after commit') process.kill(process.pid, 'SIGKILL');
lease.release();
process.stdout.write('refreshed\n');
