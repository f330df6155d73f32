import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers';

export { ROOT };
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const EXAMPLES = path.join(ROOT, 'examples');
export const GOLDEN = path.join(__dirname, 'golden');

/** The secret values written into examples/ on purpose; no output may contain them. */
export const EXAMPLE_SECRETS = ['WONGA9otJZ7AI96AthQr0wm3FAwElQyHq9IESgqZAY6iv5rKwpsm14PEhWvStRp79r3laIloCE+zCx9nVtR08A==', 'Cl0udN1ne-Fraud!2024'];

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js <args>` (build first: node scripts/build.mjs). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): CliRun {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run node scripts/build.mjs first');
  const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '', NO_COLOR: '', ...options.env };
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder with the given files (path -> text). */
export function tempTree(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

/** A copy of examples/ (without fixed/) in a temporary folder, as `<tmp>/examples`. */
export function copyExamples(): string {
  const dir = tempTree();
  fs.cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true, filter: (src) => src !== path.join(EXAMPLES, 'fixed') });
  return dir;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export const schema = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
