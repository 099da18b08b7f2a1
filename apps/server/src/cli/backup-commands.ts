import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { createStorage } from '../app/context.js';
import { resolveDatabase } from '../app/database.js';
import { createBackup, RestoreRefusedError, restoreBackup } from '../platform/backup/index.js';
import type { AppConfig } from '../platform/config/config.js';
import { loadMasterKeyring } from '../platform/crypto/index.js';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const perSecond = (n: number, ms: number) => (ms > 0 ? n / (ms / 1000) : 0);

/**
 * The configured master keys, without creating one: a backup or restore run where no key exists
 * yet must say so, not mint a key file that decrypts nothing.
 */
async function existingKeyring(config: AppConfig) {
  if (!config.env.BOVEDA_MASTER_KEY && !existsSync(config.masterKeyFile))
    throw new Error(
      `No master key: BOVEDA_MASTER_KEY is not set and there is no key file at ${config.masterKeyFile}. Put the backup's master key in place (env or key file) first.`,
    );
  return loadMasterKeyring({
    masterKey: config.env.BOVEDA_MASTER_KEY,
    previousMasterKey: config.env.BOVEDA_MASTER_KEY_PREVIOUS,
    keyFile: config.masterKeyFile,
    log: { info: () => {}, warn: (m) => console.error(m) },
  });
}

function keyReminder(config: AppConfig, ids: string[]): string {
  const where = config.env.BOVEDA_MASTER_KEY
    ? 'BOVEDA_MASTER_KEY (environment)'
    : `the key file ${config.masterKeyFile}`;
  return (
    `The archive does NOT contain the master key (ids recorded: ${ids.join(', ')}). ` +
    `Keep ${where} apart from the archive, in a different place: without it the e.firmas and every sealed field cannot be recovered; with both together, anyone can read them.`
  );
}

export function registerBackupCommands(program: Command, loadConfig: () => AppConfig) {
  program
    .command('backup <file>')
    .description(
      'Write one archive (.tar.gz) of the database (a consistent snapshot, taken while Bóveda runs), the stored objects and the master-key ids (never the key)',
    )
    .option(
      '--include-objects',
      'with S3 storage, copy the objects into the archive too (default there: a manifest of keys, sizes and ETags); local storage always copies them',
    )
    .option('--json', 'print the result as JSON (the reminder goes to stderr)')
    .action(async (file: string, opts: { includeObjects?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const keyring = await existingKeyring(config);
      const database = await resolveDatabase(config, () => {}, { shareRunning: true });
      const storage = createStorage(config);
      // Written beside the target and renamed at the end: a failed backup never leaves a file
      // that looks like a backup.
      const partial = `${file}.partial`;
      try {
        const result = await createBackup({
          pool: database.pool,
          storage,
          keyring,
          out: createWriteStream(partial, { mode: 0o600 }),
          includeObjects: storage.driver === 'fs' || !!opts.includeObjects,
        });
        await rename(partial, file);
        const size = (await stat(file)).size;
        const reminder = keyReminder(config, result.masterKeyIds);
        if (opts.json) {
          console.log(JSON.stringify({ file, archiveBytes: size, ...result }));
          console.error(reminder);
        } else {
          const s = result.durationMs / 1000;
          console.log(
            [
              `Backup written to ${file} (${mb(size)} MiB) in ${s.toFixed(1)} s.`,
              `  Database: ${result.tables} tables, ${result.rows} rows, ${mb(result.databaseBytes)} MiB in ${(result.databaseMs / 1000).toFixed(1)} s${result.databaseMs >= 1000 ? ` (${Math.round(perSecond(result.rows, result.databaseMs))} rows/s)` : ''}, ${result.migrations} migrations.`,
              result.objectsIncluded
                ? `  Objects: ${result.objects} copied, ${mb(result.objectBytes)} MiB.`
                : `  Objects: ${result.objects} listed (${mb(result.objectBytes)} MiB in the bucket, not copied: back the bucket up too, or use --include-objects).`,
              ...(result.objectsVanished > 0
                ? [`  ${result.objectsVanished} objects were deleted while the backup ran and are not in it.`]
                : []),
              ...(Object.keys(result.pendingJobs).length > 0
                ? [
                    `  ${Object.values(result.pendingJobs).reduce((a, b) => a + b, 0)} jobs were queued or running (${Object.entries(
                      result.pendingJobs,
                    )
                      .map(([name, n]) => `${name}: ${n}`)
                      .join(
                        ', ',
                      )}); the job queue is not in the archive: after a restore their rows show where they stood (docs/operations.md, Backup and restore).`,
                  ]
                : []),
              ...(result.masterKeyIdsMissing.length > 0
                ? [
                    `  Warning: tenant keys wrapped by master key(s) ${result.masterKeyIdsMissing.join(', ')} that this process does not hold; run \`boveda keys rotate\`.`,
                  ]
                : []),
              '',
              reminder,
            ].join('\n'),
          );
        }
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      } finally {
        await storage.close?.();
        await database.close();
      }
    });

  program
    .command('restore <file>')
    .description(
      'Restore an archive of `boveda backup` onto an EMPTY database and empty object storage; refused, before writing, when the target holds data or the configured master key cannot decrypt the archive',
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const config = loadConfig();
      const keyring = await existingKeyring(config);
      // Never shares a running server: a restore goes into a database no Bóveda is using.
      const database = await resolveDatabase(config, () => {}, { shareRunning: false });
      const storage = createStorage(config);
      try {
        const result = await restoreBackup({
          file,
          pool: database.pool,
          storage,
          keyring,
          log: opts.json ? () => {} : (m) => console.error(m),
        });
        if (opts.json) console.log(JSON.stringify(result));
        else
          console.log(
            [
              `Restored backup ${result.backupId} of ${result.createdAt} in ${(result.durationMs / 1000).toFixed(1)} s:`,
              `  ${result.tables} tables, ${result.rows} rows, ${result.migrations} migrations;`,
              result.objectsIncluded
                ? `  ${result.objects} objects (${mb(result.objectBytes)} MiB) copied.`
                : `  objects not in the archive (S3 manifest): ${result.objects - result.objectsMissing} of ${result.objects} found in the bucket${result.objectsMissing > 0 ? `, ${result.objectsMissing} MISSING or of another size` : ''}.`,
              'Start Bóveda as usual: it applies any newer migrations and recreates its job queue.',
            ].join('\n'),
          );
        if (result.objectsMissing > 0) process.exitCode = 3;
      } catch (err) {
        if (err instanceof RestoreRefusedError) {
          console.error(`Restore refused (${err.reason}): ${err.message}`);
          process.exitCode = 2;
          return;
        }
        throw err;
      } finally {
        await storage.close?.();
        await database.close();
      }
    });
}
