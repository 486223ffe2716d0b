// The GraphiQL page of the interop tests: `vite build --config tests/interop/graphiql/vite.config.js
// --outDir DIR` (CTest's interop_graphiql_page does it) writes a static folder any server serves.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    // GraphiQL is one 870 kB chunk; the page is a test fixture, not a site to split.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      onwarn(warning, warn) {
        // Radix UI's "use client" directives mean nothing outside React Server Components.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
