import type { OarUserConfig } from './oar-config-schema.js';

/**
 * Types an `oar.config.ts`: `export default defineConfig({ scheduler: { … }, plugins: { … } })`.
 * Returns its argument unchanged; validation happens when the scheduler loads the file.
 */
export function defineConfig(config: OarUserConfig): OarUserConfig {
  return config;
}
