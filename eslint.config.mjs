// ESLint (flat config): the recommended JavaScript and typescript-eslint
// rules for every source, test, bench and script file; formatting is
// prettier's (.prettierrc.json), not ESLint's. Run by npm test (test/lint/).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.cache/**',
      '.vscode-test/**',
      'node_modules/**',
      'test/fixtures/**',
      'test/e2e/fixtures/**',
      'test/e2e/vendor/**',
      '**/*.generated.ts',
      'server/src/rules/catalog/index.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed parameters and variables are deliberately unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // CommonJS entry points.
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and benchmarks drive JSON-RPC and parse untyped JSON: `any` is the honest type there.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests match the escape sequences and control characters the product must escape.
    files: ['test/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Browser-side code run by Playwright in the VS Code workbench.
    files: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
