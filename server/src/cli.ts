/**
 * Entry of the command-line checker (bundled to dist/cli.js, started by
 * bin/aml-yaml.js). Everything else lives in cli/; this file only binds the
 * process. The exit code is set, not forced, so piped output is flushed.
 */
import { main } from './cli/main';

// The yaml package reports "Keys with collection values will be stringified"
// through process.emitWarning while building plain values of template files
// ({{PLACEHOLDER}} keys); the diagnostics already cover those files, so keep
// that noise off the CLI's stderr. Other warnings still print.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
  const text = warning instanceof Error ? warning.message : String(warning);
  if (text.startsWith('Keys with collection values will be stringified')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

void main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
