// aml-yaml beside Red Hat YAML (redhat.vscode-yaml 1.25.0, vendored in
// test/e2e/vendor/) in the same real VS Code: both .vsix files installed into
// a fresh extensions folder of a second server, a workspace of azureml-examples
// specs (copied from test/fixtures/corpus), driven as a user would. Before:
// Red Hat YAML's "Unable to load schema" error and aml-yaml's explanation;
// the explanation's offered fix confirmed (a dialog lists the files) and applied;
// after: no Red Hat schema error, one error per YAML problem (also before),
// completion without duplicates, one hover. Screenshots: test-results/e2e/redhat-*.png.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  editorText,
  openFile,
  poll,
  problemRows,
  runCommand,
  statusBarTexts,
  token,
  visibleHover,
  WAIT_MS,
  waitForWorkbench,
} from './workbench.mjs';
import { installExtension, startServer, stopServer } from './lib/server.mjs';

export const REDHAT_VSIX = path.join('test', 'e2e', 'vendor', 'redhat-vscode-yaml-1.25.0.vsix');
const REDHAT_SHA256 = '5744f1ce0d4c842bbd2a1f08279565d3484789c855fd06827aff8a91e98fc184';
const MODELINE = '# yaml-language-server: $schema=none';
/** Red Hat YAML's error (aml-yaml's explanation quotes its first words, not the rest). */
const SCHEMA_ERROR = /Unable to load schema from '/;
const CONFLICT = 'redhat-schema-unreachable';

/** The workspace: azureml-examples specs, plus one of them broken twice (a duplicate key, an unclosed flow mapping). */
function writeWorkspace(root, ws) {
  const corpus = path.join(root, 'test', 'fixtures', 'corpus', 'azureml-examples');
  const copy = (from, to) => {
    fs.mkdirSync(path.dirname(path.join(ws, to)), { recursive: true });
    fs.copyFileSync(path.join(corpus, from), path.join(ws, to));
  };
  copy('cli/resources/workspace/privatelink.yml', 'workspace/privatelink.yml');
  copy('cli/resources/compute/cluster-basic.yml', 'compute/cluster-basic.yml');
  copy('cli/jobs/basics/hello-world-input.yml', 'jobs/hello-world-input.yml');
  const job = fs.readFileSync(path.join(corpus, 'cli/jobs/basics/hello-world-input.yml'), 'utf8').replace(/\s*$/, '\n');
  fs.writeFileSync(
    path.join(ws, 'jobs', 'broken.yml'),
    `${job}environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\nenvironment_variables: {EPOCHS: "3"\n`,
  );
}

export async function runRedHatChecks({ browser, root, main, vsix, tmp, resultsDir, quietSettings, check, log, metrics }) {
  const dirs = {
    userData: path.join(tmp, 'rh-user-data'),
    serverData: path.join(tmp, 'rh-server-data'),
    extensions: path.join(tmp, 'rh-extensions'),
  };
  const ws = path.join(tmp, 'redhat', 'azureml-examples');
  writeWorkspace(root, ws);
  // Red Hat YAML asks about usage data on first start; answered no, as the quiet settings do for VS Code itself.
  const settings = { ...quietSettings, 'redhat.telemetry.enabled': false };
  for (const d of ['User', 'Machine']) {
    fs.mkdirSync(path.join(dirs.userData, d), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, d, 'settings.json'), JSON.stringify(settings, null, 2));
  }

  const installed = await check('red hat: the vendored Red Hat YAML .vsix (checksum) and aml-yaml install side by side', () => {
    const redhat = path.join(root, REDHAT_VSIX);
    const sum = createHash('sha256').update(fs.readFileSync(redhat)).digest('hex');
    if (sum !== REDHAT_SHA256) throw new Error(`${REDHAT_VSIX} has SHA-256 ${sum}, not the recorded ${REDHAT_SHA256}`);
    installExtension(main, dirs, redhat);
    installExtension(main, dirs, vsix);
    const folders = fs.readdirSync(dirs.extensions);
    for (const prefix of ['redhat.vscode-yaml-1.25.0', 'aml-yaml.aml-yaml-']) {
      if (!folders.some((f) => f.startsWith(prefix))) throw new Error(`no ${prefix}* in ${folders.join(', ')}`);
    }
  });
  if (!installed) return;

  let server;
  let context;
  try {
    // Without the smoke-test driver: with it, the workbench refuses modal dialogs (the confirmation).
    server = await startServer(main, dirs, path.join(resultsDir, 'vscode-server-redhat.log'), { smokeTestDriver: false });
    context = await browser.newContext({ viewport: { width: 1400, height: 860 }, reducedMotion: 'reduce' });
    let page = await context.newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    const shot = async (name, { moveMouse = true } = {}) => {
      // Off the panels (an empty part of the explorer), so that no tooltip covers what the screenshot shows.
      if (moveMouse) await page.mouse.move(150, 620);
      await poll(
        'animations to settle',
        () => page.evaluate(() => document.getAnimations().every((a) => a.playState !== 'running')),
        3_000,
        50,
      ).catch(() => undefined);
      await page.screenshot({ path: path.join(resultsDir, `redhat-${name}.png`) });
    };
    const step = async (name, fn) => {
      const ok = await check(`red hat: ${name}`, fn);
      if (!ok) await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => undefined);
      return ok;
    };
    const rows = async () => (await problemRows(page)).map((r) => `${r.label} ${r.text}`);
    const fileOf = (rel) => fs.readFileSync(path.join(ws, rel), 'utf8');

    try {
      const yamlErrors = (all) => ({
        dup: all.filter((r) => /Map keys must be unique|appears earlier in this mapping/.test(r)),
        flow: all.filter((r) => /[Ff]low (map|sequence|collection)/.test(r)),
      });
      const before = await step(
        'before: Red Hat YAML reports "Unable to load schema" on each spec, aml-yaml explains it on each $schema line',
        async () => {
          await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
          await waitForWorkbench(page);
          await openFile(page, 'workspace/privatelink.yml');
          // The explanation comes with the first explained line; set it aside (to the notification centre) to see the panel.
          await page.locator('.notification-toast', { hasText: 'Red Hat YAML is installed too' }).waitFor({ timeout: WAIT_MS });
          await runCommand(page, 'Notifications: Show Notifications');
          await page.locator('.notifications-center.visible').waitFor({ timeout: WAIT_MS });
          await page.keyboard.press('Escape');
          await page.locator('.notifications-center.visible').waitFor({ state: 'hidden', timeout: WAIT_MS });
          await openFile(page, 'jobs/broken.yml');
          await page.keyboard.press('Control+Shift+M');
          await page.locator('.markers-panel').first().waitFor({ timeout: WAIT_MS });
          const seen = await poll(
            'Red Hat YAML schema errors, aml-yaml explanations and the YAML errors in the Problems panel',
            async () => {
              const all = await rows();
              const { dup, flow } = yamlErrors(all);
              return (
                all.filter((r) => SCHEMA_ERROR.test(r) && /^Error/.test(r)).length >= 2 &&
                all.filter((r) => r.includes(CONFLICT)).length >= 2 &&
                dup.length &&
                flow.length &&
                all
              );
            },
          );
          log(`      problems before:\n        ${seen.map((r) => r.slice(0, 150)).join('\n        ')}`);
          const { dup, flow } = yamlErrors(seen);
          if (dup.length !== 1 || flow.length !== 1)
            throw new Error(`YAML errors reported more than once: ${[...dup, ...flow].join(' | ')}`);
          await shot('problems-before');
        },
      );
      if (!before) return;

      await step('the light bulb on a $schema line offers the ways out, the careful one first', async () => {
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('End');
        await page.keyboard.press('Control+.');
        const items = page.locator('.action-widget .monaco-list-row.action');
        await poll('code actions in the light bulb menu', async () => (await items.count()) > 0);
        const titles = (await items.allTextContents()).map((t) => t.trim());
        log(`      light bulb: ${titles.join(' | ')}`);
        const expected = [
          /^Add "# yaml-language-server: \$schema=none" to this file/,
          /to every Azure ML file of the workspace/,
          /Point Red Hat YAML at aml-yaml's schema in this file/,
          /Turn off Red Hat YAML's validation/,
          /^Explain/,
        ];
        for (const re of expected)
          if (!titles.some((t) => re.test(t))) throw new Error(`no code action matching ${re}: ${titles.join(' | ')}`);
        if (!expected[0].test(titles[0])) throw new Error(`the first (preferred) action is not the $schema=none modeline: ${titles[0]}`);
        await shot('light-bulb', { moveMouse: false });
        await page.keyboard.press('Escape');
      });

      await step('the explanation offers the fix; a confirmation lists the files; applied and saved', async () => {
        await runCommand(page, 'Notifications: Show Notifications');
        const item = page.locator('.notifications-center .notification-list-item', { hasText: 'Red Hat YAML is installed too' });
        await item.waitFor({ timeout: WAIT_MS });
        await shot('notification');
        await item.locator('.monaco-button', { hasText: 'Add to All Files' }).click();
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: WAIT_MS });
        const listed = await dialog.textContent();
        log(`      confirmation: ${listed.replace(/\s+/g, ' ').slice(0, 300)}`);
        for (const rel of ['workspace/privatelink.yml', 'compute/cluster-basic.yml', 'jobs/hello-world-input.yml', 'jobs/broken.yml']) {
          if (!listed.includes(rel)) throw new Error(`${rel} is not listed in the confirmation`);
          if (fileOf(rel).startsWith(MODELINE)) throw new Error(`${rel} was changed before the confirmation`);
        }
        await shot('confirmation');
        await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();
        await poll('the modeline in every azureml-examples spec, saved', () =>
          ['workspace/privatelink.yml', 'compute/cluster-basic.yml', 'jobs/hello-world-input.yml', 'jobs/broken.yml'].every((rel) =>
            fileOf(rel).startsWith(`${MODELINE}\n$schema: `),
          ),
        );
        const text = await poll('the modeline in the open editor', async () => {
          const t = await editorText(page);
          return t?.startsWith(MODELINE) && t;
        });
        log(`      the open editor (jobs/broken.yml) now starts: ${JSON.stringify(text.split('\n').slice(0, 2).join('\n'))}`);
      });

      await step('after: no Red Hat YAML schema error, no explanation left; each YAML error once (from Red Hat YAML)', async () => {
        await page.keyboard.press('Control+Shift+M');
        const after = await poll('the schema errors to leave the Problems panel', async () => {
          const all = await rows();
          return !all.some((r) => SCHEMA_ERROR.test(r) || r.includes(CONFLICT)) && all;
        });
        log(`      problems after:\n        ${after.map((r) => r.slice(0, 150)).join('\n        ')}`);
        const { dup, flow } = yamlErrors(after);
        if (dup.length !== 1) throw new Error(`the duplicate key is reported ${dup.length} times: ${dup.join(' | ')}`);
        if (flow.length !== 1) throw new Error(`the unclosed flow mapping is reported ${flow.length} times: ${flow.join(' | ')}`);
        if (after.some((r) => /aml-yaml\((yaml-syntax|duplicate-key)\)/.test(r))) throw new Error('aml-yaml repeats a YAML error');
        await shot('problems-after');
      });

      await step('completion: no duplicate items', async () => {
        await page.locator('.tabs-container .tab', { hasText: 'privatelink.yml' }).click();
        await page.locator('.tabs-container .tab.active', { hasText: 'privatelink.yml' }).waitFor({ timeout: WAIT_MS });
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Shift+Home');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Control+Space');
        const widget = page.locator('.editor-widget.suggest-widget.visible');
        await widget.waitFor({ timeout: WAIT_MS });
        await poll('completion items', async () => (await widget.locator('.monaco-list-row').count()) > 0);
        await shot('completion');
        // The list renders only the rows in view: walk it with the arrow key (it wraps at the end) to read every item.
        const byIndex = new Map();
        const focused = () =>
          widget
            .locator('.monaco-list-row.focused')
            .evaluate((r) => [r.getAttribute('data-index'), r.querySelector('.label-name')?.textContent?.trim() ?? ''])
            .catch(() => undefined);
        for (let i = 0; i < 200; i++) {
          const row = await poll('the focused completion item', focused, WAIT_MS, 20);
          if (byIndex.has(row[0])) break;
          byIndex.set(row[0], row[1]);
          await page.keyboard.press('ArrowDown');
          await poll('the next item to be focused', async () => (await focused())?.[0] !== row[0], WAIT_MS, 20);
        }
        const labels = [...byIndex.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, l]) => l);
        log(`      completion (${labels.length} items): ${labels.join(', ')}`);
        const dupes = labels.filter((l, i) => labels.indexOf(l) !== i);
        if (dupes.length) throw new Error(`duplicate completion items: ${dupes.join(', ')}`);
        if (!labels.includes('identity')) throw new Error(`identity (a key the spec lacks) not offered: ${labels.join(', ')}`);
        for (const present of ['name', 'location', 'public_network_access'])
          if (labels.includes(present)) throw new Error(`${present} is in the file but offered`);
        metrics.redHatCompletionItems = labels.length;
        await page.keyboard.press('Escape');
        await runCommand(page, 'File: Revert File');
        await poll(
          'the editor back to the saved file',
          async () => (await editorText(page))?.trimEnd() === fileOf('workspace/privatelink.yml').trimEnd(),
        );
      });

      await step('hover: aml-yaml answers once', async () => {
        await page.mouse.move(5, 400);
        await token(page, 'public_network_access').hover();
        const hover = await visibleHover(page);
        const text = await poll('the hover of public_network_access', async () => {
          const t = await page.locator('.monaco-hover:not(.hidden)').first().textContent();
          return t && t.includes('public_network_access') && t;
        });
        const times = text.split('Set Disabled to allow access only through private endpoints').length - 1;
        const mentions = (await hover.textContent()).match(/image_build_compute property/g)?.length ?? 0;
        log(`      hover: ${text.slice(0, 200).replace(/\s+/g, ' ')}...`);
        if (times > 1) throw new Error(`the field description appears ${times} times: another extension answers too`);
        if (mentions < 1) throw new Error('the caveat quote is missing from the hover');
        if (/Source: \[?workspace\.schema\.json/.test(text)) throw new Error('Red Hat YAML hovers from a schema as well');
        await shot('hover', { moveMouse: false });
      });

      await step("one Outline: Red Hat YAML's key tree, once", async () => {
        await page.locator('.tabs-container .tab', { hasText: 'privatelink.yml' }).click();
        await page.locator('.tabs-container .tab.active', { hasText: 'privatelink.yml' }).waitFor({ timeout: WAIT_MS });
        const header = page.locator('.pane-header', { hasText: /^\s*Outline/i }).first();
        if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
        const outline = page
          .locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*Outline/i }) })
          .locator('.monaco-list-row');
        const labels = await poll('the outline of privatelink.yml', async () => {
          const l = (await outline.allTextContents()).map((t) => t.trim());
          return l.some((t) => t.startsWith('location')) && l;
        });
        // aml-yaml's outline would start with the spec (its name and kind); Red Hat YAML's starts with the first key.
        if (!labels[0].startsWith('$schema')) throw new Error(`the outline does not start with the first key: ${labels[0]}`);
        log(`      outline: ${labels.join(' | ')}`);
        const names = labels.map((t) => t.split(/\s/)[0]);
        const twice = names.filter((n, i) => names.indexOf(n) !== i);
        if (twice.length) throw new Error(`the outline shows entries twice: ${twice.join(', ')}`);
        await shot('outline');
        await header.click();
      });

      await step('a new starter spec does not start red: it carries the modeline (without it, Red Hat YAML errs)', async () => {
        await page.keyboard.press('Escape');
        await runCommand(page, 'Azure ML YAML: Insert Starter Spec...');
        // The starters come from the server: wait for their list before typing into it.
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'Workspace with private link' })
          .first()
          .waitFor({ timeout: WAIT_MS });
        await page.keyboard.type('Workspace with private link', { delay: 5 });
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'Workspace with private link' })
          .first()
          .waitFor({ timeout: WAIT_MS });
        await page.keyboard.press('Enter');
        await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor({ timeout: WAIT_MS });
        const text = await poll('the starter in the new editor', async () => {
          const t = await editorText(page);
          return t?.startsWith(`${MODELINE}\n$schema: `) && t.includes('image_build_compute') && t;
        });
        log(`      starter: ${JSON.stringify(text.split('\n').slice(0, 3).join('\n'))}`);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Shift+M');
        await poll('the starter analysed (no Red Hat YAML schema error, no explanation)', async () => {
          const all = await rows();
          return !all.some((r) => SCHEMA_ERROR.test(r) || r.includes(CONFLICT));
        });
        await shot('starter');
        // The control: the same spec without its first line is red in Red Hat YAML, and explained by aml-yaml.
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('Shift+ArrowDown');
        await page.keyboard.press('Delete');
        await poll('Red Hat YAML to flag the starter without its modeline', async () => {
          const all = await rows();
          return all.some((r) => SCHEMA_ERROR.test(r)) && all.some((r) => r.includes(CONFLICT));
        });
        await page.keyboard.press('Control+Z');
        await poll(
          'the error to go with the modeline back',
          async () => !(await rows()).some((r) => SCHEMA_ERROR.test(r) || r.includes(CONFLICT)),
        );
        const dirty = await page.locator('.tabs-container .tab.dirty').allTextContents();
        if (dirty.some((t) => /privatelink|broken/.test(t))) throw new Error(`a spec was edited by a stray key: ${dirty.join(', ')}`);
      });

      // Where Red Hat YAML's validation is off, as it reads "yaml.validate" (measured here with 1.25.0): a multi-root
      // workspace where one folder turns it off in its own settings (Red Hat YAML still validates there: its server
      // asks for the setting without a file), then a "[yaml]" override in the workspace settings, changed during the
      // session (it stops validating everywhere). aml-yaml follows: each duplicate key is reported exactly once.
      await step('multi-root: "yaml.validate": false in one folder, then "[yaml]" in the workspace; each duplicate key once', async () => {
        const multi = path.join(tmp, 'redhat-multi');
        const spec = (tail) =>
          `${MODELINE}\n$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\nname: cpu\n${tail}`;
        fs.mkdirSync(path.join(multi, 'a'), { recursive: true });
        fs.mkdirSync(path.join(multi, 'b', '.vscode'), { recursive: true });
        // The duplicate on line 4 in folder a, on line 5 in folder b (the Problems panel shows lines, not folders).
        fs.writeFileSync(path.join(multi, 'a', 'dup-a.yml'), spec('name: cpu-a\ntype: amlcompute\n'));
        fs.writeFileSync(path.join(multi, 'b', 'dup-b.yml'), spec('type: amlcompute\nname: cpu-b\n'));
        fs.writeFileSync(path.join(multi, 'b', '.vscode', 'settings.json'), JSON.stringify({ 'yaml.validate': false }, null, 2));
        const file = path.join(multi, 'two.code-workspace');
        const folders = [{ path: path.join(multi, 'a') }, { path: path.join(multi, 'b') }];
        fs.writeFileSync(file, JSON.stringify({ folders, settings: {} }, null, 2));
        // A window of its own: the page of the steps before keeps an unsaved starter (a backup, an unload veto), and
        // a workspace opened by navigating away from it sometimes came without its folders.
        await page.close({ runBeforeUnload: false });
        page = await context.newPage();
        page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
        // Quick Open searches the folders once the workbench has them: wait until the Explorer lists both files. Here
        // code-server sometimes opens the workspace without its folders ("no folder opened", to the end); the window is
        // then loaded again, as a user would, up to three times.
        const bothFolders = async () => {
          const explorer = (await page.locator('.explorer-folders-view').first().textContent({ timeout: 1_000 })) ?? '';
          return explorer.includes('dup-a.yml') && explorer.includes('dup-b.yml');
        };
        for (let load = 1; ; load++) {
          await page.goto(`${server.url}/?workspace=${encodeURIComponent(file)}`);
          await waitForWorkbench(page);
          const ready = await poll('both folders in the Explorer', bothFolders, WAIT_MS / 3).catch((err) => {
            if (load === 3) throw err;
            return false;
          });
          if (ready) break;
          log(`      (load ${load}: the workspace opened without its folders; loading the window again)`);
        }
        // Each file analysed by aml-yaml (its kind in the status bar) before the panel is read.
        const analysed = () =>
          poll('the kind in the status bar', async () => (await statusBarTexts(page)).some((t) => t.includes('AML: Compute')));
        await openFile(page, 'a/dup-a.yml');
        await analysed();
        await openFile(page, 'b/dup-b.yml');
        await analysed();
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel').first().waitFor({ timeout: WAIT_MS });
        const dupAt = (all, line) => yamlErrors(all).dup.filter((r) => new RegExp(`Ln ${line}\\b|line ${line}\\b`, 'i').test(r));
        const ours = (r) => /aml-yaml/.test(r);
        /** Each file's duplicate key exactly once, all from Red Hat YAML (`redHat`) or all from aml-yaml. */
        const settled = (redHat) => async () => {
          const all = await rows();
          const found = [...dupAt(all, 4), ...dupAt(all, 5)];
          return dupAt(all, 4).length === 1 && dupAt(all, 5).length === 1 && found.every((r) => ours(r) !== redHat) && all;
        };
        const explain = async () => `problems: ${(await rows()).join(' | ')}`;
        const folderOnly = await poll("each duplicate key once, from Red Hat YAML (it ignores folder b's setting)", settled(true)).catch(
          async (err) => Promise.reject(new Error(`${err.message}; ${await explain()}`)),
        );
        log(`      problems, yaml.validate false in folder b only:\n        ${folderOnly.map((r) => r.slice(0, 150)).join('\n        ')}`);
        await shot('multi-root-folder-setting');
        fs.writeFileSync(file, JSON.stringify({ folders, settings: { '[yaml]': { 'yaml.validate': false } } }, null, 2));
        const languageOff = await poll(
          'each duplicate key once, now from aml-yaml ("[yaml]" turns Red Hat YAML off)',
          settled(false),
        ).catch(async (err) => Promise.reject(new Error(`${err.message}; ${await explain()}`)));
        log(
          `      problems, "[yaml]": { "yaml.validate": false } in the workspace:\n        ${languageOff.map((r) => r.slice(0, 150)).join('\n        ')}`,
        );
        await shot('multi-root-language-setting');
      });
    } finally {
      fs.writeFileSync(path.join(resultsDir, 'workbench-console-redhat.log'), consoleLines.join('\n') + '\n');
    }
  } catch (err) {
    await check('red hat: runner', () => Promise.reject(err));
  } finally {
    await context?.close().catch(() => undefined);
    await stopServer(server);
  }
}
