import { defineConfig } from 'drizzle-kit';

// Schema as code, one file per owning module; migrations are generated SQL in one folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./apps/server/src/**/*.schema.ts'],
  out: './apps/server/drizzle',
});
