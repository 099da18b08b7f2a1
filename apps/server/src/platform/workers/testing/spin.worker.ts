// Test-only worker entry: holds its thread busy for `ms` (no await, like a synchronous KDF), then
// answers `ms`; `throw: true` makes it fail instead.
import { serveWorkerTask } from '../task-worker.js';

serveWorkerTask((input: { ms: number; throw?: boolean }) => {
  const until = Date.now() + input.ms;
  while (Date.now() < until) {
    // busy on purpose
  }
  if (input.throw) throw new Error('the task failed');
  return input.ms;
});
