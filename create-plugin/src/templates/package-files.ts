/**
 * The files of the generated package other than its policies and tests: package.json (with the
 * `"oar"` manifest the scheduler's discovery reads), src/index.ts, tsconfig, vitest config,
 * README and .gitignore.
 */
import type { DependencySpecs } from '../dependencies.js';
import { ALLOW_SCRIPTS, TOOLING } from '../dependencies.js';
import type { HookKind } from '../options.js';
import { POLICIES } from './policies.js';

export interface PackagePlan {
  readonly name: string;
  readonly slug: string;
  readonly hooks: readonly HookKind[];
  readonly deps: DependencySpecs;
}

export function packageJson(plan: PackagePlan): string {
  const provides: Record<string, string[]> = {};
  for (const hook of plan.hooks) (provides[POLICIES[hook].provides] ??= []).push(plan.slug);
  const json = {
    name: plan.name,
    version: '0.1.0',
    description: `oar-sched plugin: ${plan.hooks.map((h) => `${h} policy ${plan.slug}`).join(', ')}.`,
    type: 'module',
    keywords: ['oar-sched-plugin', 'oar', 'scheduler'],
    engines: { node: '>=20.0.0' },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist', 'README.md'],
    // What oar-sched reads before loading any code: the API version, the entry, what it provides.
    oar: { apiVersion: 1, entry: './dist/index.js', provides },
    scripts: {
      build: 'tsc -p tsconfig.json',
      test: 'npm run build && vitest run',
      prepublishOnly: 'npm run build',
    },
    peerDependencies: { '@oar-sched/plugin-api': plan.deps.pluginApiPeer },
    devDependencies: {
      '@oar-sched/harness': plan.deps.harness,
      '@oar-sched/plugin-api': plan.deps.pluginApi,
      '@types/node': TOOLING['@types/node'],
      typescript: TOOLING.typescript,
      vitest: TOOLING.vitest,
    },
    allowScripts: ALLOW_SCRIPTS,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function indexTs(plan: PackagePlan): string {
  const policies = plan.hooks.map((h) => POLICIES[h]);
  const imports = policies.map((p) => `import { ${p.fn} } from './${p.file}.js';`).join('\n');
  const registrations = policies.map((p) => `    ${p.register(plan.slug)}`).join('\n');
  return `import { definePlugin } from '@oar-sched/plugin-api';
${imports}

/**
 * ${plan.name}: registered by oar-sched when this package is a dependency of the site (or listed
 * in its config's plugins.list). The names below are what jobs and configs select.
 */
export default definePlugin({
  name: '${plan.name}',
  setup(api) {
${registrations}
  },
});
${policies.map((p) => `export { ${p.fn} } from './${p.file}.js';`).join('\n')}
`;
}

export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      declaration: true,
      sourceMap: true,
      skipLibCheck: true,
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
  },
  null,
  2,
)}\n`;

export const VITEST_CONFIG = `import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The harness loads this plugin's built entry (dist/) the way the scheduler does; the
    // scheduler's own packages load natively too, so the plugin and the engine share one copy
    // of the plugin API.
    server: { deps: { external: [/\\/node_modules\\//, /\\/dist\\//] } },
  },
});
`;

export const GITIGNORE = `node_modules/
dist/
*.sqlite
`;

export function readme(plan: PackagePlan): string {
  const policies = plan.hooks.map((h) => `- **${h}** \`${plan.slug}\` (\`src/${POLICIES[h].file}.ts\`): ${POLICIES[h].selection(plan.slug)}.`);
  return `# ${plan.name}

An [oar-sched](https://github.com/oar-team/oar-sched) plugin.

${policies.join('\n')}

## Develop

\`\`\`sh
npm install
npm test        # builds, then runs the tests on an in-memory SQLite OAR database
\`\`\`

The tests in \`test/\` use \`@oar-sched/harness\`: they build a small cluster, submit jobs with
\`oarsub\`'s syntax, run one real scheduling round with this plugin loaded the way a site loads
it, and assert the placements, the order and the reasons. Set \`OAR_HARNESS_DB=postgres://…\`
to run them on PostgreSQL.

## Use it on a site

Add the package to the dependencies of the site's \`package.json\` (the folder of its
\`oar.config.*\`): \`oar-sched\` discovers every dependency whose package.json has an \`"oar"\`
field. \`oar-sched plugins\` lists what it found.

## Publish

\`npm publish\` builds first (\`prepublishOnly\`). Keep \`@oar-sched/plugin-api\` a peer
dependency: the scheduler provides it, and the plugin must share its copy.
`;
}
