#!/usr/bin/env node
// `npm run test:electron`: the extension-host suite (test/vscode/suite) in a
// desktop VS Code through @vscode/test-electron, on a fresh copy of the
// fixture workspace. The extension under test is this folder (dist/ built by
// `npm run build`).
//
// Which VS Code: $VSCODE_EXECUTABLE_PATH (a local build, for example
// /usr/share/code/code or ".../Visual Studio Code.app/Contents/MacOS/Electron");
// otherwise @vscode/test-electron downloads one from update.code.visualstudio.com
// (version $VSCODE_VERSION, default "stable"). When neither works this script
// says so and exits 1: it never reports a pass it did not run.
// On a headless Linux machine run it under xvfb-run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message) {
  console.error(`test:electron: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'dist', 'client.js')) || !fs.existsSync(path.join(root, 'dist', 'server.js'))) {
  fail('dist/client.js or dist/server.js is missing: run `npm run build` first.');
}

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (vscodeExecutablePath) {
  if (!fs.existsSync(vscodeExecutablePath)) fail(`VSCODE_EXECUTABLE_PATH=${vscodeExecutablePath} does not exist.`);
} else {
  const version = process.env.VSCODE_VERSION || 'stable';
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(root, '.vscode-test'), timeout: 30_000 });
  } catch (err) {
    fail(
      [
        `no VS Code is available, so the suite did NOT run.`,
        `  Downloading VS Code ${version} failed: ${String(err?.message ?? err).split('\n')[0]}`,
        '  Either set VSCODE_EXECUTABLE_PATH to an installed VS Code (desktop build), or run where',
        '  update.code.visualstudio.com is reachable. On this kind of offline machine the same suite',
        "  runs inside code-server's extension host instead: `npm run test:e2e`.",
      ].join('\n'),
    );
  }
}

const suite = await buildSuite({ typecheck: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-electron-'));
const workspace = path.join(tmp, 'contoso-ml');
fs.cpSync(path.join(root, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(tmp, 'user-data')}`,
    ],
  });
  console.log('test:electron: the extension-host suite passed');
} catch (err) {
  fail(`the extension-host suite failed: ${err?.message ?? err}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
