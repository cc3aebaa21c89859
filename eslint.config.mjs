// Lint rules: typescript-eslint's recommended set over the extension, the webview, the tests and
// the benches, plus the project's own boundaries (src/base, src/engines and a feature's logic/ and
// page/ never import 'vscode'; the whole import rule is scripts/check-layers.mjs, run by npm run lint).
// Formatting is prettier's job (.prettierrc.json), not eslint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.e2e/**', 'test-results/**', 'bench/.work/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off', // lazy bundles are loaded with require on purpose
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name="executeCommand"] > Literal[value=/^sesSmtpToolkit\\./]',
          message: 'Call the feature through its typed function, not executeCommand.',
        },
      ],
    },
  },
  {
    files: ['src/base/**/*.ts', 'src/engines/**/*.ts', 'src/features/*/logic/**/*.ts', 'src/features/*/page/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message:
                "base, engines and a feature's logic/ and page/ stay free of vscode: put UI in the feature's own files.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
