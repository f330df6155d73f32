import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { BINDING_CODE_IDS } from '../../server/src/bindings/codes';
import { bindingModel, stepPorts, type BindingModel } from '../../server/src/bindings/model';
import { Severity } from '../../server/src/core/types';
import { NodeFileSystem } from '../../server/src/node/fileSystem';
import { AmlLanguageService } from '../../server/src/service';
import { fileUri } from '../../server/src/workspace/uri';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { CORPUS } from '../helpers';

/**
 * The binding checks over the real corpus (Azure/azureml-examples), with the
 * whole corpus indexed so that steps are checked against their local
 * component files:
 * - no pipeline, sweep, command or component spec gets an error from them;
 * - every mutant that renames one binding's target (an input, output, step
 *   or search-space parameter as the binding writes it) gets exactly one new
 *   error, at that binding.
 */

const KINDS = new Set([
  'pipelineJob',
  'pipelineComponent',
  'sweepJob',
  'commandJob',
  'commandComponent',
  'parallelComponent',
  'sparkJob',
  'sparkComponent',
]);
const CODES = new Set<string>(BINDING_CODE_IDS);
const root = path.join(CORPUS, 'azureml-examples');
const rows = fs
  .readFileSync(path.join(CORPUS, 'azureml-examples.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter(([, kind]) => KINDS.has(kind))
  .map(([file, kind]) => ({ file, kind }));

describe('bindings over the corpus with every spec indexed', () => {
  let service: AmlLanguageService;
  let index: WorkspaceIndex;
  before(async () => {
    index = new WorkspaceIndex({ fs: new NodeFileSystem() });
    await index.index([fileUri(root)]);
    service = new AmlLanguageService({ workspace: index });
  });

  const analyse = (file: string) => {
    const uri = fileUri(path.join(root, file));
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    return { uri, text, analysis: service.analyze({ uri, version: 1, text }) };
  };
  const modelOf = (a: ReturnType<typeof analyse>): BindingModel | undefined => {
    const d = a.analysis.docs.find((x) => x.detection && KINDS.has(x.detection.kind));
    return d ? bindingModel(d.section, d.detection!.kind, a.analysis.file, a.uri, { view: index }) : undefined;
  };

  test(`the manifest lists the pipelines, sweeps, commands and components (${rows.length})`, () => {
    assert.ok(rows.length > 200, `${rows.length}`);
    assert.ok(rows.filter((r) => r.kind === 'pipelineJob').length > 80);
  });

  test('no false error from the binding checks', () => {
    const problems: string[] = [];
    let checkedSteps = 0;
    for (const { file } of rows) {
      const a = analyse(file);
      for (const d of a.analysis.diagnostics) {
        if (CODES.has(d.code) && d.severity === Severity.Error)
          problems.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} [${d.code}] ${d.message}`);
      }
      for (const g of modelOf(a)?.graphs ?? [])
        for (const s of g.steps.values()) if (s.iface?.complete && s.component.form === 'file') checkedSteps++;
    }
    assert.deepEqual(problems, []);
    // The corpus does exercise the cross-file checks: steps checked against local component files.
    assert.ok(checkedSteps >= 40, `${checkedSteps} steps checked against their component file`);
  });

  test('every mutant renaming one binding target gets exactly one error, at the binding', () => {
    let mutants = 0;
    let detected = 0;
    let undecidable = 0;
    const misses: string[] = [];
    for (const { file } of rows) {
      const a = analyse(file);
      const model = modelOf(a);
      if (!model) continue;
      const baseErrors = a.analysis.diagnostics.filter((d) => d.severity === Severity.Error).length;
      const sites: Array<{ start: number; end: number; what: string }> = [];
      for (const u of model.uses) {
        const t = u.target;
        if (t.kind === 'port' && t.port) {
          // A job's command may name inputs it does not have inside $[[ ]]: they are dropped, no error (as the SDK has it).
          if (t.owner === 'own' && !t.iface?.declares && u.command && u.expr.optional) continue;
          // The outputs of a registered component are what the step writes: a renamed one cannot be told wrong.
          if (t.owner === 'step' && t.step && !stepPorts(t.step, t.io).complete) {
            undecidable++;
          } else sites.push({ start: t.segment.start, end: t.segment.end, what: `${t.owner} ${t.io}` });
          if (t.owner === 'step') sites.push({ start: u.expr.segments[2].start, end: u.expr.segments[2].end, what: 'step' });
        } else if ((t.kind === 'step' && t.step) || (t.kind === 'search_space' && t.param)) {
          sites.push({ start: t.segment.start, end: t.segment.end, what: t.kind });
        }
      }
      sites.forEach((site, i) => {
        mutants++;
        const text = a.text.slice(0, site.start) + 'zz' + a.text.slice(site.start, site.end) + 'q' + a.text.slice(site.end);
        const after = service.analyze({ uri: a.uri, version: 2 + i, text });
        const errors = after.diagnostics.filter((d) => d.severity === Severity.Error);
        const pos = a.analysis.file.lines.positionAt(site.start);
        const here = errors.filter(
          (d) => d.range.start.line === pos.line && d.range.start.character === pos.character && CODES.has(d.code),
        );
        if (errors.length === baseErrors + 1 && here.length === 1) detected++;
        else
          misses.push(
            `${file}:${pos.line + 1}:${pos.character + 1} (${site.what}): ${errors.length - baseErrors} new errors, ${here.length} at the binding`,
          );
      });
    }
    console.log(
      `# binding mutants: ${mutants} decidable, ${detected} detected (${((100 * detected) / mutants).toFixed(1)}%); ${undecidable} more name outputs of registered components (not checkable offline)`,
    );
    assert.ok(mutants > 1000, `${mutants} mutants`);
    assert.deepEqual(misses.slice(0, 20), []);
    assert.equal(detected, mutants);
  });
});
