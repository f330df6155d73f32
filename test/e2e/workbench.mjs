// Small helpers that drive the VS Code workbench in Chromium the way a user
// does (keyboard, mouse) and read what a user sees (DOM of the workbench).
// Every wait is a bounded poll; nothing sleeps for a fixed time.

export const isMac = false;

/**
 * Bounds of the waits: hang detectors, far above normal times (a UI reaction
 * takes well under a second, the workbench loads in seconds), so a busy
 * machine is slow but never fails. Times are reported, not asserted.
 */
export const WAIT_MS = 60_000;
/** The VS Code server to listen, the workbench to load. */
export const START_MS = 180_000;
/** The whole extension-host suite. */
export const SUITE_MS = 600_000;

/** Polls `probe` until it returns a truthy value. */
export async function poll(what, probe, timeoutMs = WAIT_MS, intervalMs = 150) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${last.message ?? last})` : ''}`);
}

export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench', { timeout: START_MS });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: START_MS });
}

/**
 * Quick Open (Ctrl+P), type the file's path, wait until its row is the
 * focused one, Enter; waits for its tab. A late widget of the previous step
 * (suggestions reopening on a busy machine) can take the focus from Quick
 * Open between two keys; then the tab does not come, and the whole gesture
 * is made again from a closed Quick Open, up to three times.
 */
export async function openFile(page, relPath) {
  const name = relPath.split('/').pop();
  const tab = page.locator('.tabs-container .tab.active', { hasText: name });
  const failures = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await closeQuickInput(page);
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget:not([style*="display: none"]) input').first();
      await input.waitFor({ timeout: WAIT_MS });
      await page.keyboard.type(relPath.replace(/\//g, ' '), { delay: 10 });
      const row = page.locator(`.quick-input-list .monaco-list-row.focused[aria-label*="${name}"]`).first();
      await row.waitFor({ timeout: WAIT_MS / 3 });
      await page.keyboard.press('Enter');
      await tab.waitFor({ timeout: WAIT_MS / 3 });
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: WAIT_MS });
      return;
    } catch (err) {
      failures.push(`attempt ${attempt}: ${String(err.message ?? err).split('\n')[0]}`);
    }
  }
  throw new Error(`could not open ${relPath} from Quick Open:\n${failures.join('\n')}`);
}

/** Closes Quick Open (or the Command Palette) if it is showing. */
async function closeQuickInput(page) {
  const visible = page.locator('.quick-input-widget:not([style*="display: none"])');
  await poll(
    'Quick Open to be closed',
    async () => {
      if (!(await visible.count())) return true;
      await page.keyboard.press('Escape');
      return false;
    },
    WAIT_MS / 6,
  );
}

/** Runs a command by its title from the Command Palette (Ctrl+Shift+P). */
export async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: WAIT_MS });
  await page.keyboard.type(title, { delay: 5 });
  // Enter runs the focused row: wait until it is the command's (the list is filtered as the keys arrive).
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget input', { state: 'hidden', timeout: WAIT_MS }).catch(() => undefined);
}

/** The text of the active editor, from its rendered lines (fine for files that fit on screen). */
export function editorText(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return null;
    const lines = [...editor.querySelectorAll('.view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
  });
}

/** The status bar entries' texts. */
export function statusBarTexts(page) {
  return page.$$eval('.part.statusbar .statusbar-item', (items) => items.map((i) => i.textContent.trim()).filter(Boolean));
}

/** Rows of the Problems panel (message, source, code and position as the row shows them). */
export function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((r) => ({ text: r.textContent, label: r.getAttribute('aria-label') ?? '' })),
  );
}

/** A token of the active editor whose text is exactly `text` (the first one). */
export function token(page, text) {
  return page
    .locator('.editor-group-container.active .monaco-editor .view-lines .view-line span span')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first();
}

export async function visibleHover(page) {
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
  await hover.waitFor({ state: 'visible', timeout: WAIT_MS });
  return hover;
}
