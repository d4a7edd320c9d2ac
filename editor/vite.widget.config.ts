import { defineConfig } from 'vite';

/**
 * The embeddable widget: one classic script (`dist/widget.js`, an IIFE) with no imports, so that a
 * site owner pastes a single tag. Built after the editor because the editor build empties `dist/`.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    copyPublicDir: false,
    lib: {
      entry: 'src/widget/embed.ts',
      formats: ['iife'],
      name: 'TailorChat',
      fileName: () => 'widget.js',
    },
  },
});
