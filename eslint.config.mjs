import tseslint from 'typescript-eslint';

// Pure cores must stay deterministic: no clock, no randomness, no I/O. This is our replay boundary.
const impureInCore = [
  { name: 'node:fs', message: 'core/ is pure: do I/O in an adapter.' },
  { name: 'node:net', message: 'core/ is pure: do I/O in an adapter.' },
  { name: 'node:http', message: 'core/ is pure: do I/O in an adapter.' },
  { name: 'node:child_process', message: 'core/ is pure.' },
  { name: 'better-sqlite3', message: 'core/ is pure: use the Store port.' },
  { name: 'pg', message: 'core/ is pure: use the Store port.' },
  { name: 'fastify', message: 'core/ is pure: HTTP lives in routes.ts.' },
];

// A module is used through its index.ts: no reaching into another module's internals.
const modules =
  'kernel|monitoring|screening|parties|cases|credit|disclosure|protection|ledger|access|supervision|store|bus|http|cli|runtime';
const moduleBoundary = [
  {
    regex: `^(\\.\\./)+(${modules})/(?!index\\.ts$).+`,
    message: 'Import another module through its index.ts.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'src/**/*.js',
      'src/**/*.mjs',
      'tmp/**',
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'web/dist/**',
      'bin/**',
      'data/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': 'off',
      // Adapters implement an async port with synchronous drivers (better-sqlite3).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // A module is used through its index.ts: no reaching into another module's internals.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: moduleBoundary }],
    },
  },
  {
    files: ['src/**/core/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: impureInCore, patterns: moduleBoundary }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core/ is pure: take a Clock.' },
        { object: 'Math', property: 'random', message: 'core/ is pure: take an Ids/Random port.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core/ is pure: take a Clock.' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.contract.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-restricted-imports': 'off',
    },
  },
);
