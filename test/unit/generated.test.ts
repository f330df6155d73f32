import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/rules/registry';
import { ROOT } from '../helpers';
import { catalogueIds } from './quotes.test';

/** Files written by scripts from the code: each committed copy is what its generator writes now. */
const check = (script: string) => spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), '--check'], { encoding: 'utf8' });

describe('generated from the rule files', () => {
  test('the catalogue index is current (scripts/gen-catalog.mjs --check)', () => {
    const r = check('gen-catalog.mjs');
    assert.equal(r.status, 0, r.stderr);
  });

  test("a rule's id is its file name, and the rule files are the catalogue", () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'server', 'src', 'rules', 'catalog'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual(
      RULES.map((r) => r.id),
      files.sort(),
    );
    assert.deepEqual([...files].sort(), [...catalogueIds()].sort());
  });

  test('gen-catalog refuses a rule file that repeats its id', () => {
    const file = path.join(ROOT, 'server', 'src', 'rules', 'catalog', 'zz-probe-rule.ts');
    fs.writeFileSync(file, "import type { Rule } from '../api';\nconst rule: Rule = {\n  id: 'zz-probe-rule',\n};\nexport default rule;\n");
    try {
      const r = check('gen-catalog.mjs');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /zz-probe-rule\.ts: remove `id`/);
    } finally {
      fs.rmSync(file);
    }
  });

  test('the rule pages and their index are current (scripts/gen-rule-docs.mjs --check: examples run, fixes applied, suppressions checked)', () => {
    const r = check('gen-rule-docs.mjs');
    assert.equal(r.status, 0, r.stderr);
  });

  test('every rule page shows its metadata, a reported example and the three suppression comments', () => {
    for (const rule of RULES) {
      const text = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}\n`), rule.id);
      assert.ok(text.includes(rule.description), `${rule.id}: description`);
      assert.match(text, new RegExp(`\\| Default severity \\| \`${rule.defaultSeverity}\``), `${rule.id}: severity`);
      assert.match(text, /Reported by aml-yaml:\n\n- (`[^`]+`, )?line \d+ \((error|warning|info|hint)\): /, `${rule.id}: example`);
      for (const c of [`# aml-yaml-disable-next-line ${rule.id}`, `# aml-yaml-disable ${rule.id}`])
        assert.ok(text.includes(c), `${rule.id}: ${c}`);
      for (const q of rule.quotes ?? []) assert.ok(text.includes(`> ${q}`), `${rule.id}: quote ${q}`);
      if (rule.article) assert.ok(text.includes(`](${rule.article.url})`), `${rule.id}: article link`);
    }
  });
});
