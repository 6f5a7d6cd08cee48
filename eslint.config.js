// ESLint 9 flat config for src/, test/ and the config files: typescript-eslint's recommended rules,
// type-aware (the program is built once from tsconfig.eslint.json, so every type-aware rule costs
// little more than the first).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The bundle's stand-in for dockerode's BuildKit modules (package.json's build) is plain CommonJS.
  { ignores: ['dist/', 'node_modules/', 'out/', 'coverage/', 'src/runtime/docker/no-buildkit.cjs'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Async methods without an await implement async interfaces (runtimes, fakes): not a bug here.
      '@typescript-eslint/require-await': 'off',
      // A function handed to something that ignores its result (an event, a timer) may be async.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // tsc's noUnusedLocals/noUnusedParameters already fail src/ on these; `_name` is the way to keep one.
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Warnings until the code they flag is fixed (each one is listed in the commit that added this
    // file); then delete the line, and the rule is an error again.
    rules: {
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
      '@typescript-eslint/unbound-method': 'warn',
      '@typescript-eslint/no-base-to-string': 'warn',
      '@typescript-eslint/restrict-template-expressions': 'warn',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      '@typescript-eslint/no-unsafe-assignment': 'warn',
      '@typescript-eslint/no-unsafe-call': 'warn',
      '@typescript-eslint/no-unsafe-member-access': 'warn',
      '@typescript-eslint/no-unsafe-return': 'warn',
      '@typescript-eslint/no-unused-expressions': 'warn',
      '@typescript-eslint/no-explicit-any': 'warn',
      // The two regular expressions flagged match control characters on purpose (to show them
      // escaped): they want an eslint-disable comment each.
      'no-control-regex': 'warn',
      'no-regex-spaces': 'warn',
    },
  },
  {
    // A function longer than a screen is split (issue 21); declarative tables are not functions.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests read JSON and mocks typed `any` on purpose.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
