import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/catalog/schema.ts',
  out: './src/store/catalog/migrations',
});
