export {
  DEFAULT_IMAGE_LIMITS,
  ImageError,
  type ImageErrorCode,
  type ImageInfo,
  type ImageLimits,
  readImageInfo,
} from './image-info.js';
export {
  createOcrEngine,
  DEFAULT_RESOURCE_LIMITS,
  defaultLangPath,
  type OcrEngine,
  type OcrEngineOptions,
  type OcrEngineStats,
  OcrError,
  type OcrErrorCode,
  type OcrResult,
  type OcrWord,
  type RecognizeOptions,
  THREAD_LIMITS_APPLIED,
} from './ocr-engine.js';
export {
  DEFAULT_MAX_SIDE,
  type PreparedImage,
  type PrepareImageOptions,
  prepareImage,
} from './prepare-image.js';
export {
  createPrepareImageRunner,
  type PrepareImageRunner,
  type PrepareImageRunnerOptions,
} from './prepare-image-runner.js';
