import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { kindInfo } from '../../server/src/core/kinds';
import { Severity } from '../../server/src/core/types';
import { corpusManifest, corpusPath, service } from '../helpers';

/**
 * Every file of the real corpus (Azure/azureml-examples): Azure ML specs get
 * their listed kind and no error; YAML that is not Azure ML gets nothing.
 */

/** Corpus files the CLI itself would reject, with the reason. Errors on them are expected. */
export const KNOWN_INVALID: Record<string, string> = {
  'cli/endpoints/batch/deploy-pipelines/training-with-components/deployment-onehot/pipeline.yml':
    'the component name "uci-heart-train-pipeline" breaks the CLI component-name rule (lower-case letters, digits and underscores); `az ml component create` rejects it, and it only loads inline through its batch deployment',
  'cli/endpoints/batch/deploy-pipelines/training-with-components/deployment-ordinal/pipeline.yml':
    'the component name "uci-heart-train-pipeline" breaks the CLI component-name rule (lower-case letters, digits and underscores); `az ml component create` rejects it, and it only loads inline through its batch deployment',
};

const manifest = corpusManifest();

const groups = new Map<string, typeof manifest>();
for (const row of manifest) {
  const group = row.kind.startsWith('negative') ? 'negative' : row.kind.startsWith('template:') ? 'template' : row.kind;
  groups.set(group, [...(groups.get(group) ?? []), row]);
}

function analyse(file: string) {
  const text = fs.readFileSync(corpusPath(file), 'utf8');
  return service().analyze({ uri: `file:///corpus/${file}`, version: 1, text });
}

describe('corpus', () => {
  test('manifest lists about 550 files', () => {
    assert.ok(manifest.length > 500, `only ${manifest.length} rows`);
  });

  for (const [group, rows] of [...groups].sort()) {
    if (group === 'template') continue; // the test below
    test(`${group} (${rows.length} files)`, () => {
      const problems: string[] = [];
      for (const row of rows) {
        const a = analyse(row.file);
        const detected = a.docs.find((d) => d.detection)?.detection?.kind;
        if (group === 'negative') {
          if (detected) problems.push(`${row.file}: detected as ${detected}`);
          if (a.diagnostics.length) problems.push(`${row.file}: ${a.diagnostics.length} diagnostics, first: ${a.diagnostics[0].message}`);
          continue;
        }
        if (group !== 'other') {
          const want = kindInfo(row.kind)?.id ?? row.kind;
          if (detected !== want) problems.push(`${row.file}: expected kind ${want}, got ${detected ?? 'none'}`);
        }
        const errors = a.diagnostics.filter((d) => d.severity === Severity.Error);
        if (errors.length && !KNOWN_INVALID[row.file]) {
          for (const e of errors.slice(0, 3))
            problems.push(`${row.file}:${e.range.start.line + 1}:${e.range.start.character + 1} [${e.code}] ${e.message}`);
        }
        if (a.ruleFailures.length)
          problems.push(`${row.file}: rule ${a.ruleFailures[0].rule} threw ${a.ruleFailures[0].error.split('\n')[0]}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  test('template files: detected as their kind, errors only on {{PLACEHOLDER}} lines, every rule runs', () => {
    const rows = groups.get('template') ?? [];
    assert.ok(rows.length >= 5, `only ${rows.length} template files`);
    const problems: string[] = [];
    for (const row of rows) {
      const a = analyse(row.file);
      const want = kindInfo(row.kind.slice('template:'.length))?.id;
      const detected = a.docs.find((d) => d.detection)?.detection?.kind;
      if (!want || detected !== want) problems.push(`${row.file}: expected kind ${want ?? row.kind}, got ${detected ?? 'none'}`);
      const lines = a.file.text.split(/\r?\n/);
      const errors = a.diagnostics.filter((d) => d.severity === Severity.Error);
      // Until it is filled in, a placeholder breaks the spec: at least one error, and only where a placeholder is.
      if (!errors.length) problems.push(`${row.file}: no error, but its placeholders are not filled in`);
      for (const e of errors)
        if (!lines[e.range.start.line]?.includes('{{'))
          problems.push(`${row.file}:${e.range.start.line + 1} [${e.code}] ${e.message}: an error on a line without a placeholder`);
      if (a.ruleFailures.length)
        problems.push(`${row.file}: rule ${a.ruleFailures[0].rule} threw ${a.ruleFailures[0].error.split('\n')[0]}`);
    }
    assert.deepEqual(problems, []);
  });
});
