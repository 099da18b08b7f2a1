import { defineConfig } from 'drizzle-kit';

// Schema as code, one file per owning module; migrations are generated SQL in one folder.
// New files are named by timestamp, not by a running number: two branches that each add a table
// no longer both write `00NN_*.sql`. `npm run db:check` (part of lint) refuses two migrations
// generated from the same parent, and the runner (platform/db/migrate.ts) applies a migration that
// was merged after a newer one.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./apps/server/src/**/*.schema.ts'],
  out: './apps/server/drizzle',
  migrations: { prefix: 'timestamp' },
});
