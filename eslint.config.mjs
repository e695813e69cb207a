import tseslint from 'typescript-eslint';

// Pure cores must stay deterministic: no clock, no randomness, no I/O. This is our replay boundary.
const io = 'core/ is pure: do I/O in an adapter.';
const impureInCore = [
  ...[
    'fs',
    'fs/promises',
    'net',
    'http',
    'https',
    'http2',
    'dgram',
    'dns',
    'os',
    'child_process',
    'worker_threads',
    'cluster',
  ]
    .flatMap((m) => [m, `node:${m}`])
    .map((name) => ({ name, message: io })),
  {
    name: 'node:crypto',
    importNames: [
      'randomBytes',
      'randomUUID',
      'randomInt',
      'randomFill',
      'randomFillSync',
      'getRandomValues',
      'generateKeyPair',
      'generateKeyPairSync',
    ],
    message: 'core/ is pure: take an Ids/Random port.',
  },
  {
    name: 'crypto',
    importNames: [
      'randomBytes',
      'randomUUID',
      'randomInt',
      'randomFill',
      'randomFillSync',
      'getRandomValues',
      'generateKeyPair',
      'generateKeyPairSync',
    ],
    message: 'core/ is pure: take an Ids/Random port.',
  },
  { name: 'better-sqlite3', message: 'core/ is pure: use the Store port.' },
  { name: 'pg', message: 'core/ is pure: use the Store port.' },
  { name: 'fastify', message: 'core/ is pure: HTTP lives in routes.ts.' },
];
// The kernel's clock and id source are adapters for the composition root; core takes them as ports.
const impureKernel = {
  regex: '^(\\.\\./)+kernel/index\\.ts$',
  importNames: ['systemClock', 'systemIds'],
  message: 'core/ is pure: take a Clock and Ids as parameters.',
};

// A module is used through its index.ts: no reaching into another module's internals.
const modules =
  'kernel|monitoring|screening|parties|cases|credit|disclosure|protection|portal|ledger|access|supervision|cluster|store|bus|http|cli|runtime';
const moduleBoundary = [
  {
    regex: `^(\\.\\./)+(${modules})/(?!index\\.ts$).+`,
    message: 'Import another module through its index.ts (adapters.ts is for the composition root in src/runtime/).',
  },
];
// The composition root, and storage adapters building on the store module's SQL toolkit, may also use adapters.ts.
const adapterBoundary = [
  {
    regex: `^(\\.\\./)+(${modules})/(?!(index|adapters)\\.ts$).+`,
    message: 'Import another module through its index.ts or, for adapters, its adapters.ts.',
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
    // Modules never read the environment: src/runtime/config.ts reads it once and passes values in.
    files: ['src/**/*.ts'],
    ignores: ['src/runtime/**', 'src/cli/**', 'src/**/*.test.ts', 'src/**/*.contract.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Configuration comes from src/runtime/config.ts.' },
      ],
    },
  },
  {
    files: [
      'src/runtime/**/*.ts',
      'src/*/storage/**/*.ts',
      'src/*/*/storage/**/*.ts',
      'src/*/store/**/*.ts',
      'src/*/adapters.ts',
      'src/*/*/adapters.ts',
      'src/cli/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: adapterBoundary }],
    },
  },
  {
    files: ['src/**/core/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: impureInCore, patterns: [...moduleBoundary, impureKernel] }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core/ is pure: take a Clock.' },
        { object: 'Math', property: 'random', message: 'core/ is pure: take an Ids/Random port.' },
        { object: 'performance', property: 'now', message: 'core/ is pure: take a Clock.' },
        {
          object: 'process',
          property: 'env',
          message: 'core/ is pure: configuration comes from src/runtime/config.ts.',
        },
        { object: 'process', property: 'hrtime', message: 'core/ is pure: take a Clock.' },
        { object: 'crypto', property: 'randomUUID', message: 'core/ is pure: take an Ids port.' },
        { object: 'crypto', property: 'getRandomValues', message: 'core/ is pure: take an Ids/Random port.' },
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
