// ESLint: typescript-eslint's recommended type-aware rules plus React hooks, zero warnings allowed,
// and the layering of src/ (README, Layout): each folder imports only folders below it, no
// screen imports another screen or the app shell, no import circles, and test helpers stay in
// test-utils/ folders.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/**
 * src/ from the top down: a folder may import its own files and the folders of later rows, never
 * those of earlier rows or of its own row. bench/ and model-check/ are test pages: they may use
 * the workers' code, and nothing imports them.
 */
const LAYERS = [
  ['app'],
  ['features'],
  ['components'],
  ['store'],
  ['services'],
  ['bench', 'model-check'],
  ['worker'],
  ['runs', 'labelling'],
  ['faces'],
  ['backends'],
  ['domain'],
  ['transfer'],
  ['storage'],
  ['vision'],
  ['ml'],
  ['lib'],
];

const layerZones = LAYERS.flatMap((row, i) =>
  row.map((folder) => ({
    target: `./src/${folder}`,
    from: LAYERS.slice(0, i + 1)
      .flat()
      .filter((other) => other !== folder)
      .map((other) => `./src/${other}`),
    message: `src/${folder} sits below that folder and may not import it (README, Layout).`,
  })),
).filter((zone) => zone.from.length > 0);

// Screens never import each other: each is a room of its own, sharing only what sits below.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureZones = features.map((feature) => ({
  target: `./src/features/${feature}`,
  from: './src/features',
  except: [`./${feature}`],
  message: 'A screen does not import another screen; move what they share to components/ or below.',
}));

const testFiles = ['**/*.test.{ts,tsx}', '**/test-utils/**', 'e2e/**', 'scripts/**'];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-test-pages',
      'node_modules',
      'test-results',
      'playwright-report',
      'public',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...featureZones] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Production code: new images are written only through services/add-images.ts, and test
    // helpers are not imported.
    files: ['src/**/*.{ts,tsx}'],
    ignores: [...testFiles, 'src/services/add-images.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/storage/image-repo'],
              importNames: ['saveImages'],
              message: 'New images are stored through services/add-images.ts, the one writer.',
            },
            {
              group: ['**/test-utils/**', '**/*.test', '**/*.fixture'],
              message: 'Production code does not import test helpers.',
            },
          ],
        },
      ],
    },
  },
  {
    // The benchmark page reports to scripts/bench.mjs through console lines; the trainer's tests
    // run Node helpers (trainer/tests/*.mjs).
    files: [
      'scripts/**/*.{js,mjs,ts}',
      'e2e/**/*.ts',
      '*.config.{js,ts}',
      'src/bench/**/*.ts',
      'trainer/**/*.mjs',
    ],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
);
