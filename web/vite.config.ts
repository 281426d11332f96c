import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

// The web app's root is this folder; the server serves web/dist with an SPA fallback.
// `npm run dev:web` proxies /api to a locally running server (npm start, port 3000 by default).
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // ECharts (only the dashboard's chunk reaches it) is over Vite's 500 kB warning in one piece; its renderer, zrender, goes apart.
        manualChunks(id) {
          if (id.includes('/node_modules/zrender/')) return 'zrender';
          if (id.includes('/node_modules/echarts/')) return 'echarts';
          return undefined;
        },
      },
    },
    // bench/web.ts reads it to add up what each entry point loads first.
    manifest: true,
  },
  server: {
    proxy: { '/api': process.env.CENTRIC_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
