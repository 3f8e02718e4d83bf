import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the built console at `/` and the API at `/api` on the same origin;
// in development Vite proxies `/api` to a gateway on port 3000 (override with GATEWAY_URL).
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
