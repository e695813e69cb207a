import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the Zhili server at /console (same origin as the API), so every asset URL is under it.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts is one big chunk loaded on demand by the pages that chart; it is not part of the initial load.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
});
