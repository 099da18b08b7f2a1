// Worker-thread entry: the password and key checks of an uploaded e.firma (see efirma-checks.ts).
import { serveWorkerTask } from '../../platform/workers/task-worker.js';
import { proveEfirmaKey } from './efirma-key-proof.js';

serveWorkerTask(proveEfirmaKey);
