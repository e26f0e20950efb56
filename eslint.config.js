/** ESLint: the recommended rules of ESLint and typescript-eslint, with type information. */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'output/', 'bench/corpus/', 'bench/results/', 'tests/fixtures/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A leading underscore says "deliberately unused": a field dropped by destructuring, say.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A unified plugin keeps its processor for the transformer it returns.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['processor'] }],
      // Methods that fill a promise-returning interface may have nothing to wait for.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Declarations of other packages' types: their classes are types only.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    // Plain JavaScript: the CLI's launcher, the preview's and dashboard's browser scripts, configs.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        window: 'readonly',
        document: 'readonly',
        globalThis: 'readonly',
        EventSource: 'readonly',
        fetch: 'readonly',
        DOMParser: 'readonly',
        localStorage: 'readonly',
        crypto: 'readonly',
        NodeFilter: 'readonly',
        CSS: 'readonly',
        Blob: 'readonly',
        Event: 'readonly',
        sessionStorage: 'readonly',
        location: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        history: 'readonly',
        module: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
);
