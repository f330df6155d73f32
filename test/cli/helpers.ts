import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../server/src/cli/main';
import { AmlLanguageService } from '../../server/src/service';
import { ROOT } from '../helpers';
import { tempTree } from '../scratch';

export { removeTree, scratchTrees, tempTree } from '../scratch';

export { ROOT };
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The `aml-yaml` command as installed: a thin entry that loads dist/cli.js. */
export const BIN = path.join(ROOT, 'bin', 'aml-yaml.js');
export const EXAMPLES = path.join(ROOT, 'examples');
export const GOLDEN = path.join(__dirname, 'golden');

/** The secret values written into examples/ on purpose; no output may contain them. */
export const EXAMPLE_SECRETS = [
  'WONGA9otJZ7AI96AthQr0wm3FAwElQyHq9IESgqZAY6iv5rKwpsm14PEhWvStRp79r3laIloCE+zCx9nVtR08A==',
  'Cl0udN1ne-Fraud!2024',
];

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

let shared: AmlLanguageService | undefined;
/** The CLI tests' language service, apart from helpers' service(): every CLI run sets its configuration and workspace. */
export function cliService(): AmlLanguageService {
  shared ??= new AmlLanguageService();
  return shared;
}

export interface CliOptions {
  cwd?: string;
  /** The CLI's environment (colour variables); nothing of this process's environment leaks in. */
  env?: Record<string, string>;
  /** Whether stdout and stderr claim to be terminals. */
  tty?: boolean;
}

/**
 * Runs `aml-yaml <args>` in this process through the CLI's `main(argv, io)`,
 * with captured stdout and stderr: what bin/aml-yaml.js does, without a
 * process per call, and with the tests' one language service (schemas
 * compile once; every run sets its own configuration and workspace, which
 * invalidates what the service cached). The few tests about the process
 * itself use `spawnCli`.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? false;
  const status = await main(
    args,
    {
      cwd: options.cwd ?? ROOT,
      env: { ...options.env },
      stdout: { write: (t: string) => (stdout += t), isTTY: tty },
      stderr: { write: (t: string) => (stderr += t), isTTY: tty },
    },
    { service: cliService() },
  );
  return { status, stdout, stderr };
}

/** Runs `node bin/aml-yaml.js <args>` in a child process (build first: node scripts/build.mjs). */
export function spawnCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[]; input?: string } = {},
): CliRun {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run node scripts/build.mjs first');
  const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '', NO_COLOR: '', ...options.env };
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of examples/ (without fixed/) in a temporary folder, as `<tmp>/examples`. */
export function copyExamples(): string {
  const dir = tempTree();
  fs.cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true, filter: (src) => src !== path.join(EXAMPLES, 'fixed') });
  return dir;
}

export const schema = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
