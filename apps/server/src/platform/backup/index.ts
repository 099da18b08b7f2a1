export { BACKUP_FORMAT_VERSION, type BackupHeader, type BackupManifest, readArchive } from './archive.js';
export { appVersion, type BackupOptions, type BackupResult, createBackup } from './backup.js';
export {
  checkMasterKeys,
  RESTORE_MARKER_KEY,
  type RestoreOptions,
  type RestoreRefusal,
  RestoreRefusedError,
  type RestoreResult,
  readHeader,
  restoreBackup,
  verifyArchive,
} from './restore.js';
