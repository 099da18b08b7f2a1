export {
  createWorkerTaskRunner,
  WorkerTaskBusyError,
  type WorkerTaskOptions,
  type WorkerTaskReply,
  type WorkerTaskRunner,
  WorkerTaskTimeoutError,
} from './run-task.js';
export { spawnWorker, workerEntry } from './spawn-worker.js';
export { serveWorkerTask } from './task-worker.js';
