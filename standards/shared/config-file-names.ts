/**
 * The names ESLint looks for, in its order (ESLint 9.x `lib/config/config-loader.js`, `FLAT_CONFIG_FILENAMES`;
 * the TypeScript ones since 9.18). Apart from config-folder.ts, which loads ESLint, so that the CLI can
 * tell a project's folder without loading ESLint for every command.
 */
export const CONFIG_FILE_NAMES: readonly string[] = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];
