// What a user sees of ${{ }} bindings in the real VS Code: completion inside
// an expression, level by level (parent. -> inputs. -> the pipeline's
// inputs with their types), and the inserted binding.
import { editorText, openFile, poll, problemRows, WAIT_MS } from './workbench.mjs';

export async function runBindingChecks({ page, step, shot, log }) {
  await step('completion inside ${{ }} offers parent., then the pipeline inputs with their types', async () => {
    await openFile(page, 'pipelines/train-pipeline.yml');
    // The step does not give its component's required input yet: an error in the Problems panel.
    await poll('step-required-input-missing in the Problems panel', async () =>
      (await problemRows(page)).some((r) => r.text.includes('step-required-input-missing') && r.text.includes('training_data')),
    );
    // The file ends with a line break: Ctrl+End is on the empty last line.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('      training_data: ${{parent.');
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    const labels = async () => (await widget.locator('.monaco-list-row .label-name').allTextContents()).map((s) => s.trim());
    await widget.waitFor({ timeout: 15_000 }).catch(async () => {
      await page.keyboard.press('Control+Space');
      await widget.waitFor({ timeout: WAIT_MS });
    });
    const roots = await poll('inputs, outputs and jobs after "parent."', async () => {
      const l = await labels();
      return ['inputs', 'outputs', 'jobs'].every((x) => l.includes(x)) && l;
    });
    log(`      after "\${{parent.": ${roots.join(', ')}`);
    await page.keyboard.type('inp');
    await poll('inputs focused', async () =>
      (await widget.locator('.monaco-list-row.focused .label-name').allTextContents()).map((s) => s.trim()).includes('inputs'),
    );
    await page.keyboard.press('Enter');
    const ports = await poll('the pipeline inputs after "parent.inputs."', async () => {
      if (!(await widget.isVisible())) return undefined;
      const l = await labels();
      return l.includes('raw_data') && l.includes('epochs') && l;
    });
    log(`      after "\${{parent.inputs.": ${ports.join(', ')}`);
    const details = (await widget.locator('.monaco-list-row .details-label, .monaco-list-row .type-label').allTextContents())
      .map((s) => s.trim())
      .filter(Boolean);
    if (!details.some((d) => d.includes('uri_folder'))) log(`      (item details not rendered in the list: ${details.join(' | ')})`);
    await shot('completion-binding');
    await poll('raw_data focused', async () => {
      const focused = (await widget.locator('.monaco-list-row.focused .label-name').allTextContents()).map((s) => s.trim());
      if (focused.includes('raw_data')) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    });
    await page.keyboard.press('Enter');
    await poll('the binding inserted', async () =>
      /\n {6}training_data: \$\{\{parent\.inputs\.raw_data\}\}\s*$/.test((await editorText(page)) ?? ''),
    );
    await poll(
      'the binding problems to leave the Problems panel',
      async () => !(await problemRows(page)).some((r) => /step-required-input-missing|binding-syntax/.test(r.text)),
    );
    await shot('completion-binding-inserted');
  });
}
