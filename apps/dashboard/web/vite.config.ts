import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Built with `vite build apps/dashboard/web` (the folder is the root); the dashboard server
// serves dist/. Relative asset URLs, no CDN: ECharts is bundled. Three pages: the banking
// dashboard (index.html), the market page (market.html), sharing the chart chunk, and the flows page (flows.html).
export default defineConfig({
  base: './',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: { main: resolve(import.meta.dirname, 'index.html'), market: resolve(import.meta.dirname, 'market.html'), flows: resolve(import.meta.dirname, 'flows.html') },
    },
  },
});
