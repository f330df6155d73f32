import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, USAGE, UsageError, type CheckArgs } from './args';
import { CheckUsageError, runCheck, type CheckResult } from './check';
import { escapeText } from './escape';
import { CHUNKED_FORMATTERS, countAll } from './format';
import type { AmlLanguageService } from '../service';

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Stream;
  stderr: Stream;
}

/** Files above which a progress line is shown on a terminal. */
export const PROGRESS_THRESHOLD = 200;

export interface MainOptions {
  /** A language service to reuse across runs (tests: schemas compile once); a new one per run otherwise. */
  service?: AmlLanguageService;
}

/**
 * Runs `aml-yaml <argv>` with the given working folder, environment and
 * output streams, and returns the exit code: 0 clean, 1 problems, 2 usage or
 * configuration error. It never touches `process`: bin/aml-yaml.js (through
 * cli.ts) binds it to the real process, tests call it in process.
 */
export async function main(argv: readonly string[], io: CliIO, options: MainOptions = {}): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`aml-yaml: ${message.split('\n').map(escapeText).join('\n')}\n`);
    return 2;
  };
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return fail(`${err.message}\nRun "aml-yaml --help" for usage.`);
    throw err;
  }
  if (args.command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  try {
    return await check(args, io, options);
  } catch (err) {
    if (err instanceof CheckUsageError) return fail(err.problems.join('\naml-yaml: '));
    return fail(`internal error: ${(err as Error)?.stack ?? String(err)}`);
  }
}

async function check(args: CheckArgs, io: CliIO, options: MainOptions): Promise<number> {
  const progress = progressLine(io.stderr);
  const result = await runCheck({
    cwd: io.cwd,
    paths: args.paths,
    ignore: args.ignore,
    fix: args.fix,
    onProgress: progress.update,
    service: options.service,
  });
  progress.done();

  // Everything from the files (paths, messages) is redacted and written with control characters escaped.
  for (const w of result.warnings) io.stderr.write(`aml-yaml: ${escapeText(result.redact(w))}\n`);
  for (const f of result.ruleFailures) {
    const detail = args.verbose ? f.error : f.error.split('\n')[0];
    io.stderr.write(
      `aml-yaml: rule "${f.rule}" failed on ${escapeText(f.path)} (its other results are unaffected): ${result.redact(detail).split('\n').map(escapeText).join('\n')}\n`,
    );
  }
  if (args.verbose) writeVerbose(result, io.stderr);
  if (result.fixedCount && args.format !== 'stylish') {
    io.stderr.write(
      `aml-yaml: applied ${result.fixedCount} ${result.fixedCount === 1 ? 'fix' : 'fixes'} in ${result.fixedFiles.length} ${result.fixedFiles.length === 1 ? 'file' : 'files'}.\n`,
    );
  }

  const forced = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '' && io.env.FORCE_COLOR !== '0';
  const color = args.color ?? (forced || (!!io.stdout.isTTY && !io.env.NO_COLOR));
  // Written in pieces: no single string holds a report of any size.
  for (const chunk of CHUNKED_FORMATTERS[args.format]({ result, version: version(), color })) io.stdout.write(chunk);

  const counts = countAll(result);
  if (counts.errors) return 1;
  if (args.maxWarnings !== undefined && counts.warnings > args.maxWarnings) {
    io.stderr.write(`aml-yaml: ${counts.warnings} warnings, more than --max-warnings ${args.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

function writeVerbose(result: CheckResult, err: Stream): void {
  err.write(`aml-yaml: read ${result.read} YAML files: ${result.files.length} Azure ML, ${result.skipped.length} skipped.\n`);
  for (const f of result.files) {
    const kinds = f.detections.map((d) => `${d.kind} (${d.reason})`).join(', ') || 'kind unknown';
    err.write(`  checked  ${escapeText(f.path)}: ${escapeText(result.redact(kinds))}\n`);
    if (f.workspace && f.kind)
      err.write(
        `           workspace: ${escapeText(f.workspace.path ?? 'none')} (${f.workspace.how}): ${escapeText(f.workspace.reason)}\n`,
      );
  }
  for (const s of result.skipped) err.write(`  skipped  ${escapeText(s)}: not an Azure ML spec\n`);
  if (result.fixedFiles.length) for (const f of result.fixedFiles) err.write(`  fixed    ${escapeText(f)}\n`);
}

/** "checked 120/836 files" on a terminal's stderr, for large runs only. */
function progressLine(stream: Stream): { update: (done: number, total: number) => void; done: () => void } {
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      if (!stream.isTTY || total <= PROGRESS_THRESHOLD) return;
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[Kaml-yaml: checked ${done}/${total} files`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

let cachedVersion: string | undefined;
/** The package's version, read from package.json next to dist/ (or above the sources under tsx). */
export function version(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'aml-yaml' && typeof pkg.version === 'string') return (cachedVersion = pkg.version as string);
    } catch {
      // not here; look higher
    }
    dir = path.dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}
