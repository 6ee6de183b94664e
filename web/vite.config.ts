import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

// The API serves web/dist in production (one origin); in development Vite proxies /api to it.
// Second entry: the kiosk page's script, at a fixed name the API links with a content hash
// (api/collect/assets.ts).
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    rollupOptions: {
      input: { index: path.join(root, 'index.html'), kiosk: path.join(root, 'collect/kiosk.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'kiosk' ? 'collect/kiosk.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
