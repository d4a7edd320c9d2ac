import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The editor app; the server serves `dist/` and proxies nothing (same origin in production). */
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
  server: {
    // In development the editor talks to a `tailor serve` on its default port.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/v1': 'http://127.0.0.1:3000',
      '/widget.js': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
