#!/usr/bin/env node
// End-to-end tests in a real VS Code: the VS Code 1.100 server from
// code-server (installed by .ci/setup-system) with its web workbench in
// headless Chromium (playwright-core). Builds the .vsix, checks what it holds,
// installs it into a fresh extensions folder, opens a copy of
// test/e2e/fixtures/workspace and checks what a user sees, with a screenshot
// per step in test-results/e2e/. Then runs the extension-host mocha suite
// (test/vscode/suite) inside the same server's extension host, against the
// installed extension. Prints `e2e: N passed, N failed`; exits 1 on failure.
// Environment: AML_YAML_E2E_KEEP=1 keeps the temporary folders;
// AML_YAML_E2E_ONLY=ui|host|redhat runs one part; CHROMIUM_PATH overrides /usr/bin/chromium.
// Last, a second server with Red Hat YAML installed beside aml-yaml (redhat.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { listZip, readZipEntry } from './lib/zip.mjs';
import { installExtension, serverMain, startServer, stopServer } from './lib/server.mjs';
import { runHostSuite } from './host.mjs';
import { runRedHatChecks } from './redhat.mjs';
import { runUiChecks } from './ui.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDir = path.join(root, 'test-results', 'e2e');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const only = process.env.AML_YAML_E2E_ONLY;
const started = Date.now();
const results = [];
const metrics = {};

function log(line) {
  process.stdout.write(`${line}\n`);
}

async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t });
    log(`  ✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return true;
  } catch (err) {
    results.push({ name, ok: false, ms: Date.now() - t, error: String(err?.stack ?? err) });
    log(
      `  ✘ ${name}\n      ${String(err?.message ?? err)
        .split('\n')
        .join('\n      ')}`,
    );
    return false;
  }
}

function finish(code) {
  const secs = (Date.now() - started) / 1000;
  metrics.e2eSeconds = Number(secs.toFixed(1));
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'summary.json'), JSON.stringify({ passed, failed, metrics, results }, null, 2) + '\n');
  log(
    `\ne2e duration: ${secs.toFixed(1)} s${metrics.activationMs !== undefined ? `; extension activation: ${metrics.activationMs} ms` : ''}${metrics.vsixBytes ? `; .vsix: ${(metrics.vsixBytes / 1024).toFixed(0)} KB` : ''}`,
  );
  log(`screenshots and logs: ${path.relative(root, resultsDir)}/`);
  log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed || code ? 1 : 0);
}

// ---------------------------------------------------------------------------
log('e2e: the extension in a real VS Code (code-server 4.100.3 + headless Chromium)');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const main = serverMain(root);
if (!fs.existsSync(main) || !fs.existsSync(chromiumPath)) {
  // A fresh machine: install them (Debian packages and code-server; idempotent).
  log('e2e: installing the VS Code server and Chromium with .ci/setup-system');
  const setup = spawnSync('bash', [path.join(root, '.ci', 'setup-system')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (setup.status !== 0) log(`e2e: .ci/setup-system exited with ${setup.status}`);
}
const ready = await check('prerequisites: VS Code server and Chromium are installed', () => {
  const missing = [];
  if (!fs.existsSync(main)) missing.push(`the VS Code server (${path.relative(root, main)})`);
  if (!fs.existsSync(chromiumPath)) missing.push(`Chromium (${chromiumPath})`);
  if (missing.length) throw new Error(`missing ${missing.join(' and ')}: run .ci/setup-system (as root) first`);
});
if (!ready) finish(1);

// --- the package ------------------------------------------------------------
const vsix = path.join(root, 'dist-vsix', 'aml-yaml.vsix');
const packaged = await check('package: npm run package builds dist-vsix/aml-yaml.vsix', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'client', 'scripts', 'package.mjs')], { cwd: root, encoding: 'utf8' });
  fs.writeFileSync(path.join(resultsDir, 'package.log'), `${r.stdout}\n${r.stderr}`);
  if (r.status !== 0) throw new Error(`package failed (see test-results/e2e/package.log):\n${r.stderr.slice(-2000)}`);
  metrics.vsixBytes = fs.statSync(vsix).size;
});
if (!packaged) finish(1);

const DEV_FILE =
  /(^|\/)(node_modules|test|tests|test-results|out|bench|scripts|\.cache|\.ci|\.git|\.vscode|client\/src|server\/src)(\/|$)|\.ts$|\.map$|tsconfig|package-lock\.json|\.vsix$|\.vscodeignore/;

await check('package: the .vsix holds the bundles, schemas, rule pages, grammar and icon, and no development files', () => {
  const entries = listZip(vsix);
  const files = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
  const required = [
    'package.json',
    'readme.md',
    'changelog.md',
    'LICENSE.txt',
    'dist/client.js',
    'dist/server.js',
    'dist/analysisWorker.js',
    'dist/indexWorker.js',
    'schemas/workspace.schema.json',
    'dist/schemas/workspace.schema.json',
    'dist/aml-yaml-config.schema.json',
    'docs/rules/private-workspace-image-build-compute.md',
    'syntaxes/aml-yaml.injection.tmLanguage.json',
    'images/icon.png',
  ];
  const missing = required.filter((f) => !files.includes(f));
  if (missing.length) throw new Error(`missing from the .vsix: ${missing.join(', ')}`);
  const dev = files.filter((f) => DEV_FILE.test(f));
  if (dev.length) throw new Error(`development files in the .vsix: ${dev.join(', ')}`);
  const manifest = JSON.parse(readZipEntry(vsix, 'extension/package.json').toString('utf8'));
  if (manifest.main !== './dist/client.js') throw new Error(`main is ${manifest.main}`);
  fs.writeFileSync(path.join(resultsDir, 'vsix-files.txt'), files.join('\n') + '\n');
  metrics.vsixFiles = files.length;
}).catch(() => false);

await check('package: vsce ls lists only shipped files', () => {
  const out = execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], {
    cwd: root,
    encoding: 'utf8',
  });
  const files = out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const dev = files.filter((f) => DEV_FILE.test(f));
  if (dev.length) throw new Error(`vsce ls lists development files: ${dev.join(', ')}`);
  if (!files.includes('dist/server.js') || !files.includes('dist/client.js')) throw new Error('vsce ls does not list the bundles');
});

// --- a fresh VS Code server with the .vsix installed ------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-e2e-'));
const dirs = { userData: path.join(tmp, 'user-data'), serverData: path.join(tmp, 'server-data'), extensions: path.join(tmp, 'extensions') };
const fixture = path.join(root, 'test', 'e2e', 'fixtures', 'workspace');
const wsUi = path.join(tmp, 'ui', 'contoso-ml');
const wsHost = path.join(tmp, 'host', 'contoso-ml');
for (const ws of [wsUi, wsHost]) fs.cpSync(fixture, ws, { recursive: true });
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
};
for (const d of ['User', 'Machine']) {
  fs.mkdirSync(path.join(dirs.userData, d), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, d, 'settings.json'), JSON.stringify(quietSettings, null, 2));
}

let server;
let browser;
try {
  const installed = await check('install: the .vsix installs into a fresh extensions folder', () => {
    installExtension(main, dirs, vsix);
    const folder = fs.readdirSync(dirs.extensions).find((f) => f.startsWith('aml-yaml.aml-yaml-'));
    if (!folder) throw new Error(`no aml-yaml folder in ${dirs.extensions}`);
    dirs.installed = path.join(dirs.extensions, folder);
  });
  if (!installed) throw new Error('stop');

  const up = await check('server: the VS Code server starts on a free port', async () => {
    server = await startServer(main, dirs, path.join(resultsDir, 'vscode-server.log'));
    log(`      ${server.url} (pid ${server.child.pid})`);
  });
  if (!up) throw new Error('stop');

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });

  if (!only || only === 'ui') await runUiChecks({ browser, server, workspace: wsUi, resultsDir, check, log, metrics });
  if (!only || only === 'host')
    await runHostSuite({
      browser,
      server,
      root,
      workspace: wsHost,
      extensionPath: dirs.installed,
      resultsDir,
      check,
      log,
      metrics,
      results,
    });
  // One server at a time on 2 cores: the Red Hat YAML run starts its own.
  await stopServer(server);
  if (!only || only === 'redhat') await runRedHatChecks({ browser, root, main, vsix, tmp, resultsDir, quietSettings, check, log, metrics });
} catch (err) {
  if (String(err?.message) !== 'stop') await check('e2e runner', () => Promise.reject(err));
} finally {
  await browser?.close().catch(() => undefined);
  await stopServer(server);
  if (process.env.AML_YAML_E2E_KEEP === '1') log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
finish(0);
