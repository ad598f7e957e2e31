/** `create-oar-plugin` as a library: the scaffolder behind `npm create oar-plugin`. */
export { main } from './main.js';
export type { Io } from './main.js';
export { scaffold, planFiles } from './scaffold.js';
export { parseCliArgs, parseHooks, policySlug, defaultPackageName, HOOK_KINDS, USAGE, UsageError } from './options.js';
export type { HookKind, CliAnswers } from './options.js';
export { ALLOW_SCRIPTS, dependencySpecs, localCheckout, TOOLING } from './dependencies.js';
export type { DependencySpecs } from './dependencies.js';
export type { PackagePlan } from './templates/package-files.js';
