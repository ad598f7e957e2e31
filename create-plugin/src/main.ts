/**
 * `create-oar-plugin`: the answers (flags, then prompts on a terminal, then defaults), the files,
 * the next steps. Exit codes: 0 done, 1 cancelled at a prompt, 2 bad arguments or a folder it
 * will not write into.
 */
import { resolve, relative } from 'node:path';
import { dependencySpecs, localCheckout } from './dependencies.js';
import { HOOK_KINDS, USAGE, UsageError, checkPackageName, defaultPackageName, parseCliArgs, policySlug, type CliAnswers, type HookKind } from './options.js';
import { scaffold } from './scaffold.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether questions can be asked (standard input and output are terminals). */
  readonly interactive: boolean;
  readonly cwd: string;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  cwd: process.cwd(),
};

interface Answers {
  readonly dir: string;
  readonly name: string;
  readonly hooks: readonly HookKind[];
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let cli: CliAnswers;
  try {
    cli = parseCliArgs(argv);
  } catch (e) {
    io.err(`create-oar-plugin: ${(e as Error).message}\n(run with --help for usage)\n`);
    return 2;
  }
  if (cli.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const answers = !cli.yes && io.interactive ? await askMissing(cli) : withDefaults(cli);
  if (answers === undefined) {
    io.err('create-oar-plugin: cancelled, nothing written\n');
    return 1;
  }
  const dir = resolve(io.cwd, answers.dir);
  const deps = dependencySpecs(localCheckout());
  try {
    scaffold(dir, { name: answers.name, slug: policySlug(answers.name), hooks: answers.hooks, deps }, cli.force);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`create-oar-plugin: ${e.message}\n`);
    return 2;
  }
  const shown = relative(io.cwd, dir) || '.';
  io.out(
    `Created ${answers.name} in ${shown} (${answers.hooks.join(', ')}` +
      `${deps.source === 'local' ? `; oar-sched packages linked from ${deps.root}` : ''}).\n\n` +
      `Next:\n  cd ${shown}\n  npm install\n  npm test\n`,
  );
  return 0;
}

function withDefaults(cli: CliAnswers): Answers {
  const name = cli.name ?? defaultPackageName(cli.dir ?? 'oar-plugin-example');
  return { dir: cli.dir ?? name.replace(/^@[^/]+\//, ''), name, hooks: cli.hooks ?? ['find'] };
}

/** Asks what the flags left open; `undefined` when the user cancels. */
async function askMissing(cli: CliAnswers): Promise<Answers | undefined> {
  const prompts = await import('@clack/prompts');
  prompts.intro('create-oar-plugin');
  let dir = cli.dir;
  if (dir === undefined) {
    const answer = await prompts.text({ message: 'Folder of the new plugin package', placeholder: 'oar-plugin-example', defaultValue: 'oar-plugin-example' });
    if (prompts.isCancel(answer)) return undefined;
    dir = answer;
  }
  let name = cli.name;
  if (name === undefined) {
    const suggested = defaultPackageName(dir);
    const answer = await prompts.text({
      message: 'npm package name',
      placeholder: suggested,
      defaultValue: suggested,
      validate: (v) => {
        if (!v) return undefined; // the default
        try {
          checkPackageName(v, 'name');
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    });
    if (prompts.isCancel(answer)) return undefined;
    name = answer;
  }
  let hooks = cli.hooks;
  if (hooks === undefined) {
    const answer = await prompts.multiselect<HookKind>({
      message: 'Which policies should it provide?',
      options: HOOK_KINDS.map((h) => ({ value: h, label: h })),
      initialValues: ['find'],
      required: true,
    });
    if (prompts.isCancel(answer)) return undefined;
    hooks = HOOK_KINDS.filter((h) => answer.includes(h));
  }
  prompts.outro(`Writing ${name}`);
  return { dir, name, hooks };
}
