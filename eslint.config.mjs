// ESLint for the TypeScript sources (type-checked through the project service) and the few plain scripts.
// eslint-config-prettier comes last: formatting belongs to Prettier alone (`npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-results/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test(), describe() and it() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // `_name` marks a parameter kept for its position, and `{ dropped, ...rest }` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // Node scripts (CommonJS) and the browser scripts served from apps/platform/public.
  { files: ['scripts/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: globals.node } },
  // Leaflet (`L`) is loaded by its own script tag before ours.
  { files: ['apps/platform/public/**/*.js'], languageOptions: { sourceType: 'script', globals: { ...globals.browser, L: 'readonly' } } },
  // The platform replaces this placeholder with the shell's asset list when it serves /sw.js (libs/pwa).
  { files: ['apps/platform/public/sw.js'], languageOptions: { globals: { __SHELL_ASSETS__: 'readonly' } } },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  prettier,
);
