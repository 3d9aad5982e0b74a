import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The single-page app, built into web/dist and served by the Touchpoints server on its own port.
// `npm run web:dev` serves it with hot reload and passes /api to a server on :3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' } },
});
