import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import {configs as litConfigs} from 'eslint-plugin-lit';
import {configs as wcConfigs} from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {ignores: ['dist/', 'coverage/', 'node_modules/', 'custom-elements.json', 'bench/.tmp/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  wcConfigs['flat/recommended'],
  {
    languageOptions: {globals: {...globals.browser}},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      // `===` everywhere; `== null` stays allowed, the one idiom that means "null or undefined".
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // A comma expression hides a side effect in a value: the source writes a statement.
    files: ['src/**'],
    rules: {'no-sequences': ['error', {allowInParentheses: false}]},
  },
  {
    files: ['scripts/**', 'bench/**', 'mock/**', 'test/node/**', '*.config.*', 'rollup.config.js'],
    languageOptions: {globals: {...globals.node}},
  },
  {
    // Tool settings in CommonJS (.puppeteerrc.cjs).
    files: ['**/*.cjs'],
    languageOptions: {sourceType: 'commonjs', globals: {...globals.node}},
  },
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  }
);
