import { defineConfig } from 'vite';

// Built with `vite build apps/dashboard/web` (the folder is the root); the dashboard server
// serves dist/. Relative asset URLs, no CDN: ECharts is bundled.
export default defineConfig({
  base: './',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
});
