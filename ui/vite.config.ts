/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the UI on :5173 and hands the API to the app on :8080 (./mvnw spring-boot:run -pl app);
// the realm's portal client accepts http://localhost:5173/* as a redirect in the dev profile.
const backend = process.env.STACKGATE_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    host: 'localhost',
    port: 5173,
    proxy: {
      '/api': backend,
      '/v3': backend,
      '/actuator': backend,
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    // page tests render Ant Design in happy-dom: seconds each on a loaded 2-core machine
    testTimeout: 20000,
  },
});
