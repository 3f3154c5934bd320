// @ts-check
/**
 * The repository's linter: typescript-eslint's type-checked rules on every TypeScript file that a
 * tsconfig covers, the plain recommended rules on scripts, and one boundary rule: a package reaches
 * another only through its published entry points (`@polytrack/<name>`, `@polytrack/core/adapter`),
 * never into its `src`. Formatting is Prettier's (`prettier --check`), so no stylistic rules here.
 */
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const projects = ['./packages/*/tsconfig.json', './packages/*/tsconfig.test.json']

/** Another package's source, by relative path or through the package name. */
const boundary = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['@polytrack/*/src', '@polytrack/*/src/**', '@polytrack/*/dist/**'],
          message: "Import the package's published entry (`@polytrack/<name>` or `@polytrack/core/adapter`), not its files.",
        },
        {
          regex: '^(\\.\\./)+(packages/)?[a-z0-9-]+/(src|dist)(/|$)',
          message: "No package reaches into another's src or dist: import its published entry instead.",
        },
      ],
    },
  ],
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/test-results/**', 'docs/api/**', '**/.turbo/**', '**/fixtures/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: projects, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...boundary,
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // JSON values are stringified on purpose, as the vendors' servers and SDKs stringify them.
      '@typescript-eslint/no-base-to-string': 'off',
      // \`X | unknown\` documents what a field usually holds while admitting hostile input.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Built-in methods are kept by reference to compare or restore them, never called unbound.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An async method that does not await keeps the Promise contract of the interface it implements.
      '@typescript-eslint/require-await': 'off',
      // Off: it judged assertions against declarations built into dist/ and removed ones the compiler needs.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Abort reasons are rethrown as they came (`signal.reason` is whatever the caller aborted with).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },
  {
    // The flag evaluator unwinds with typed sentinel values (inconclusive, budget spent), not Errors.
    files: ['packages/core/src/flags/**/*.ts'],
    rules: {
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    // Tests read JSON off the wire (typed `any`) and poke at it; the product code may not.
    files: ['**/*.test.ts', 'packages/*/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  {
    // Build and test-runner configuration files are outside every tsconfig: lint them without types.
    files: ['packages/*/vitest.config.ts', 'packages/*/tsup.config.ts', '**/*.d.mts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { project: null } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...boundary,
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
)
