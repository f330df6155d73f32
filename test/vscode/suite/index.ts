/**
 * Mocha entry for the extension-host suite: the extension host calls `run()`.
 * Used by @vscode/test-electron (test/vscode/run-electron.mjs) and by
 * code-server's extension host (test/e2e/run.mjs). Compiled to out/vscode-test/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // A hang detector per test (the waits inside are bounded by WAIT_MS), not a speed requirement.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 180_000, reporter: 'spec' });
  for (const f of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
