// Style 2: what a user sees. Opens the fixture workspace in the workbench,
// with the extension installed from the .vsix, and drives it with keyboard
// and mouse. One screenshot per step in test-results/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import {
  editorText,
  openFile,
  poll,
  problemRows,
  START_MS,
  statusBarTexts,
  token,
  visibleHover,
  WAIT_MS,
  waitForWorkbench,
} from './workbench.mjs';
import { runBindingChecks } from './bindings.mjs';

const RULE = 'private-workspace-image-build-compute';
const PRIVATE_LINK = 'https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link';
const IMAGE_BUILD_QUOTE =
  'If your workspace dependencies are under network restrictions, use the image_build_compute property to specify a compute cluster to use for image building.';

/** The steps whose screenshots the README shows. */
const README_SHOTS = [
  'status-bar-kind',
  'problems-panel',
  'hover-caveat',
  'light-bulb-menu',
  'quick-fix-applied',
  'completion',
  'status-bar-content-detection',
  'completion-binding',
];

export async function runUiChecks({ browser, server, workspace, resultsDir, check, log, metrics }) {
  // Reduced motion: VS Code then skips its fade-ins, so screenshots show settled widgets.
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(WAIT_MS); // every Playwright action and wait: a hang detector
  context.setDefaultNavigationTimeout(START_MS);
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  let n = 0;
  const shot = async (name) => {
    n += 1;
    const file = path.join(resultsDir, `${String(n).padStart(2, '0')}-${name}.png`);
    await poll(
      'animations to settle',
      () => page.evaluate(() => document.getAnimations().every((a) => a.playState !== 'running')),
      3_000,
      50,
    ).catch(() => undefined);
    await page.screenshot({ path: file });
    // AML_YAML_E2E_SCREENSHOTS=<dir> refreshes the README's screenshots.
    if (process.env.AML_YAML_E2E_SCREENSHOTS && README_SHOTS.includes(name))
      fs.copyFileSync(file, path.join(process.env.AML_YAML_E2E_SCREENSHOTS, `${name}.png`));
  };
  const step = async (name, fn) => {
    const ok = await check(`ui: ${name}`, fn);
    if (!ok)
      fs.writeFileSync(
        path.join(resultsDir, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.html`),
        await page.content().catch(() => ''),
      );
    if (!ok) await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
    return ok;
  };
  const original = fs.readFileSync(path.join(workspace, 'private-workspace.yml'), 'utf8');

  try {
    const opened = await step('the workbench opens the fixture workspace', async () => {
      const t = Date.now();
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      await waitForWorkbench(page);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'private-workspace.yml' }).waitFor({ timeout: WAIT_MS });
      metrics.workbenchSeconds = Number(((Date.now() - t) / 1000).toFixed(1));
      await shot('workbench');
    });
    if (!opened) return;

    await step('the status bar shows the detected kind and how it was detected', async () => {
      const t = Date.now();
      await openFile(page, 'private-workspace.yml');
      const texts = await poll('"AML: Workspace ($schema)" in the status bar', async () => {
        const all = await statusBarTexts(page);
        return all.some((s) => s.includes('AML: Workspace ($schema)')) && all;
      });
      metrics.openToStatusMs = Date.now() - t;
      log(`      status bar: ${texts.filter((s) => s.includes('AML')).join(' | ')} (${metrics.openToStatusMs} ms after opening the file)`);
      await shot('status-bar-kind');
    });

    await step(`the Problems panel lists ${RULE}`, async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').first().waitFor({ timeout: WAIT_MS });
      const row = await poll(`a Problems row for ${RULE}`, async () => (await problemRows(page)).find((r) => r.text.includes(RULE)));
      if (!/image_build_compute is not set/.test(row.text)) throw new Error(`unexpected row: ${row.text}`);
      if (!/aml-yaml/.test(row.text)) throw new Error(`row does not name the source: ${row.text}`);
      if (!/Warning/i.test(row.label)) throw new Error(`not a warning: ${row.label}`);
      await shot('problems-panel');
    });

    await step('hovering public_network_access shows the quoted caveat with its link', async () => {
      await token(page, 'public_network_access').hover();
      const hover = await visibleHover(page);
      await poll('the caveat quote in the hover', async () => (await hover.textContent()).includes(IMAGE_BUILD_QUOTE));
      const quote = hover.locator('blockquote', { hasText: IMAGE_BUILD_QUOTE.slice(0, 60) }).first();
      if (!(await quote.count())) throw new Error('the caveat is not shown as a quotation');
      await quote.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const links = await hover.locator(`a[href="${PRIVATE_LINK}"], a[data-href="${PRIVATE_LINK}"]`).count();
      if (!links) throw new Error(`no link to ${PRIVATE_LINK} in the hover`);
      await shot('hover-caveat');
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 400);
    });

    let expectedAfterFix;
    await step('the quick fix from the light bulb inserts image_build_compute and the diagnostic disappears', async () => {
      await token(page, 'public_network_access').click();
      await page.mouse.move(5, 400);
      // VS Code 1.100 draws the light bulb in the gutter (older versions: a content widget).
      const bulb = page
        .locator('.editor-group-container.active .monaco-editor')
        .locator('.glyph-margin-widgets [class*="codicon-gutter-lightbulb"], .lightBulbWidget .codicon')
        .locator('visible=true')
        .first();
      await bulb.waitFor({ state: 'visible', timeout: WAIT_MS });
      await bulb.click();
      const menu = page.locator('.action-widget').first();
      await menu.waitFor({ state: 'visible', timeout: WAIT_MS });
      const items = page.locator('.action-widget .monaco-list-row.action');
      await poll('quick fixes in the light bulb menu', async () => (await items.count()) > 0);
      const titles = await items.allTextContents();
      log(`      light bulb menu: ${titles.join(' | ')}`);
      const wanted = titles.findIndex((t) => /image_build_compute/.test(t) && /cpu-cluster/.test(t));
      const fallback = titles.findIndex((t) => /image_build_compute/.test(t));
      const index = wanted >= 0 ? wanted : fallback;
      if (index < 0) throw new Error(`no image_build_compute fix in the menu: ${titles.join(' | ')}`);
      const value = wanted >= 0 ? 'cpu-cluster' : '<compute-cluster-name>';
      if (wanted < 0) log('      (no cluster-named fix offered; using the placeholder fix)');
      await shot('light-bulb-menu');
      // The menu blocks the pointer until the mouse moves; choose the fix as a user does with the keyboard.
      const target = items.nth(index);
      await poll('the fix to be focused in the menu', async () => {
        if (/\bfocused\b/.test((await target.getAttribute('class')) ?? '')) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      });
      await page.keyboard.press('Enter');
      expectedAfterFix = original.replace(/^public_network_access: Disabled$/m, `$&\nimage_build_compute: ${value}`);
      await poll('the edited text', async () => (await editorText(page)) === expectedAfterFix);
      await poll(`${RULE} to leave the Problems panel`, async () => !(await problemRows(page)).some((r) => r.text.includes(RULE)));
      await shot('quick-fix-applied');
    });

    await step('completion on a new line offers the missing workspace keys', async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      await widget.waitFor({ timeout: WAIT_MS });
      const labels = await poll('completion items', async () => {
        const l = await widget.locator('.monaco-list-row .label-name').allTextContents();
        return l.length ? l.map((s) => s.trim()) : undefined;
      });
      log(`      completion: ${labels.join(', ')}`);
      if (!labels.includes('description')) throw new Error(`description not offered first: ${labels.join(', ')}`);
      for (const present of ['name', 'location', 'public_network_access', 'image_build_compute'])
        if (labels.includes(present)) throw new Error(`${present} is already in the file but offered`);
      await shot('completion');
      for (const [typed, key] of [
        ['tag', 'tags'],
        ['ident', 'identity'],
      ]) {
        await page.keyboard.type(typed);
        await poll(`${key} after typing "${typed}"`, async () =>
          (await widget.locator('.monaco-list-row .label-name').allTextContents()).map((s) => s.trim()).includes(key),
        );
        if (key === 'tags') for (let i = 0; i < typed.length; i++) await page.keyboard.press('Backspace');
      }
      await shot('completion-filtered');
      await page.keyboard.press('Enter');
      await poll('identity inserted', async () => /\nidentity:/.test((await editorText(page)) ?? ''));
      // The accepted item asks for suggestions again (the keys of identity); close them if they open.
      const reopened = await poll(
        'the suggestions for identity',
        async () => (await page.locator('.editor-widget.suggest-widget.visible').count()) > 0,
        5_000,
      ).catch(() => false);
      if (reopened) await page.keyboard.press('Escape');
    });

    await step('the status bar shows a kind detected from the content', async () => {
      // Suggestions still open would take the focus from Quick Open.
      await poll('no suggestions open', async () => {
        if (!(await page.locator('.editor-widget.suggest-widget.visible').count())) return true;
        await page.keyboard.press('Escape');
        return false;
      });
      await openFile(page, 'compute/cpu-cluster.yml');
      await poll('"AML: Compute cluster (content)"', async () =>
        (await statusBarTexts(page)).some((s) => s.includes('AML: Compute cluster (content)')),
      );
      await page.locator('.part.statusbar .statusbar-item', { hasText: 'AML: Compute cluster' }).hover();
      await poll('the status tooltip', async () =>
        (await page.locator('.monaco-hover:not(.hidden), .workbench-hover-container').allTextContents())
          .join(' ')
          .includes('type: amlcompute'),
      );
      await shot('status-bar-content-detection');
    });

    await runBindingChecks({ page, step, shot, log });
  } finally {
    fs.writeFileSync(path.join(resultsDir, 'workbench-console.log'), consoleLines.join('\n') + '\n');
    await context.close();
  }
}
