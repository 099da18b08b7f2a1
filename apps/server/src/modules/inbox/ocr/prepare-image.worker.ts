import { serveWorkerTask } from '../../../platform/workers/index.js';
import { ImageError } from './image-info.js';
import { prepareImage } from './prepare-image.js';
import type { PrepareTaskInput, PrepareTaskOutput } from './prepare-image-runner.js';

// ImageError's code is what the caller needs, and a thrown error crosses the thread as its message
// only: it travels as a value.
serveWorkerTask<PrepareTaskInput, PrepareTaskOutput>(async ({ bytes, options }) => {
  try {
    return { ok: true, prepared: await prepareImage(bytes, options) };
  } catch (err) {
    if (err instanceof ImageError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
});
