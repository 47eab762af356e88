import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/vite.config.*.timestamp*', '**/test-output'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'type:server', onlyDependOnLibsWithTags: ['type:pure', 'type:server'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:pure', 'type:server'] },
            { sourceTag: 'scope:server-app', onlyDependOnLibsWithTags: ['type:pure', 'type:server'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:pure', 'type:server', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the test harness lib; production code may not.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'type:server', onlyDependOnLibsWithTags: ['type:pure', 'type:server', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:pure', 'type:server'] },
            { sourceTag: 'scope:server-app', onlyDependOnLibsWithTags: ['type:pure', 'type:server', 'type:testing'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['type:pure', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:pure', 'type:server', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
];
