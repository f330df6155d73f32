// Style 1: the extension-host mocha suite (test/vscode/suite) inside the VS
// Code server's real Node extension host, with the workbench in Chromium as
// the client (what @vscode/test-electron does on a desktop). The extension
// under test is the one installed from the .vsix. Each mocha test counts as
// one e2e result.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { buildSuite } from '../vscode/build.mjs';
import { START_MS, SUITE_MS, WAIT_MS } from './workbench.mjs';

export async function runHostSuite({ browser, server, workspace, extensionPath, resultsDir, check, log, metrics, results }) {
  let suiteIndex;
  const built = await check('extension host: the mocha suite compiles', async () => {
    suiteIndex = await buildSuite({ typecheck: false });
  });
  if (!built) return;

  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(suiteIndex)],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(WAIT_MS); // every Playwright action and wait: a hang detector
  context.setDefaultNavigationTimeout(START_MS);
  const page = await context.newPage();
  const lines = [];
  let exitCode;
  const exited = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = code;
      resolve(code);
    });
  });
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    lines.push(...text.split('\n'));
    // Printed as it comes (the runner streams it), not after the suite.
    log(
      text
        .split('\n')
        .map((l) => `    | ${l}`)
        .join('\n'),
    );
  });
  const t = Date.now();
  await page.goto(url);
  const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), SUITE_MS))]);
  await page.screenshot({ path: path.join(resultsDir, '90-extension-host-suite.png') }).catch(() => undefined);
  await context.close();
  const report = lines.join('\n');
  fs.writeFileSync(path.join(resultsDir, 'extension-host-suite.log'), report + '\n');

  // One result per mocha test, from the spec reporter's lines before its summary.
  const body = report.split(/^\s*\d+ passing/m)[0];
  const passedTests = [...body.matchAll(/^\s*[✔✓]\s+(.+?)(?:\s+\(\d+ms\))?$/gm)].map((m) => m[1]);
  const failedTests = [...body.matchAll(/^\s*\d+\)\s+(.+)$/gm)].map((m) => m[1]);
  for (const name of passedTests) results.push({ name: `extension host: ${name}`, ok: true, ms: 0 });
  for (const name of failedTests)
    results.push({ name: `extension host: ${name}`, ok: false, ms: 0, error: 'see test-results/e2e/extension-host-suite.log' });
  const m = /activation: (\d+) ms/.exec(report);
  if (m) metrics.activationMs = Number(m[1]);
  metrics.hostSuiteSeconds = Number(((Date.now() - t) / 1000).toFixed(1));
  if (timedOut || (exitCode !== 0 && failedTests.length === 0) || passedTests.length + failedTests.length === 0) {
    await check('extension host: the suite finished and exited 0', () => {
      throw new Error(
        timedOut
          ? `no exit from the extension host within ${SUITE_MS / 1000} s`
          : `exit code ${exitCode}; ${passedTests.length} passed, ${failedTests.length} failed`,
      );
    });
  }
}
