import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { parseYaml, type ParsedFile } from '../../server/src/core/document';
import { reparseEdited } from '../../server/src/core/incremental';
import { corpusManifest, corpusPath, ROOT } from '../helpers';
import { Regressions } from './regressions';
import { prng } from './fuzz';

/**
 * Differential test of the incremental re-parse: random edits of corpus
 * files, and whenever reparseEdited accepts one, its result must equal a full
 * parse of the new text (values, problems, every node's range). A failure
 * is saved in test/fixtures/fuzz-regressions/incremental/ (the text before
 * and after the edit) and replayed on every run.
 */

const SECONDS = Number(process.env.AML_YAML_INCREMENTAL_SECONDS ?? 5);
const SEED = Number(process.env.AML_YAML_FUZZ_SEED ?? 20260701);
const REGRESSIONS = path.join(ROOT, 'test', 'fixtures', 'fuzz-regressions', 'incremental');

interface Regression {
  /** The text whose parse the edit starts from, and the text after the edit. */
  before: string;
  after: string;
  difference: string;
}

/**
 * Where an incremental re-parse of `after` differs from a full parse;
 * undefined when equal. (reparseEdited reuses the previous parse's nodes: it
 * is called once per previous parse.)
 */
function difference(incremental: ParsedFile, after: string): string | undefined {
  const full = parseYaml(after);
  const [a, b] = [treeShape(incremental), treeShape(full)];
  const i = a.findIndex((x, k) => x !== b[k]);
  if (i >= 0 || a.length !== b.length) return `incremental: ${a[i]}\n  full:        ${b[i]}`;
  if (incremental.text !== after) return 'the text differs';
  if (incremental.lines.lineCount !== full.lines.lineCount) return `line counts ${incremental.lines.lineCount} and ${full.lines.lineCount}`;
  return undefined;
}

const saved = new Regressions<Regression>(REGRESSIONS);
const save = (r: Regression) => saved.save(r, [r.before, r.after]);

function treeShape(file: ParsedFile): string[] {
  const out: string[] = [];
  for (const s of file.sections) {
    out.push(`section ${s.index} ${s.start}-${s.end} problems ${JSON.stringify(s.problems)}`);
    out.push(`value ${JSON.stringify(s.value)}`);
    out.push(`doc ${JSON.stringify(s.doc.range)}`);
    const stack: unknown[] = [s.doc.contents];
    while (stack.length) {
      const n = stack.pop() as any;
      if (!n || typeof n !== 'object') {
        out.push(String(n));
        continue;
      }
      if (isPair(n)) {
        stack.push(n.value, n.key);
        continue;
      }
      // Start and value end of every node; node ends (range[2], trailing comments) are not compared: nothing reads them.
      out.push(
        `${n.constructor?.name}:${n.type ?? ''}:${JSON.stringify(n.range?.slice(0, 2))}${isScalar(n) ? `=${JSON.stringify(n.value)}` : ''}`,
      );
      if (isMap(n) || isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  return out;
}

const INSERTS = [
  'x',
  'Z',
  '1',
  ' ',
  '-',
  ':',
  ': ',
  '#',
  "'",
  '"',
  '\n',
  '\n  ',
  '\n    extra: 1',
  '${{',
  'é',
  '[',
  '{',
  '|',
  '>',
  '&a',
  '*a',
  '\t',
  '\r\n',
];

function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const k = rnd();
  if (k < 0.5) return text.slice(0, at) + INSERTS[Math.floor(rnd() * INSERTS.length)] + text.slice(at);
  if (k < 0.85) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 4));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  return (
    text.slice(0, lineStart) +
    text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\w+$/, 'changed') +
    (lineEnd < 0 ? '' : text.slice(lineEnd))
  );
}

function describeEdit(before: string, after: string): string {
  let from = 0;
  while (from < Math.min(before.length, after.length) && before[from] === after[from]) from++;
  let tail = 0;
  while (tail < Math.min(before.length, after.length) - from && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const line = before.slice(0, from).split('\n').length;
  return `line ${line}: ${JSON.stringify(before.slice(from, before.length - tail))} -> ${JSON.stringify(after.slice(from, after.length - tail))} in ${JSON.stringify(before.slice(before.lastIndexOf('\n', from - 1) + 1, before.indexOf('\n', from) < 0 ? undefined : before.indexOf('\n', from)))}`;
}

describe('incremental re-parse (differential against a full parse)', () => {
  test('saved regressions replay cleanly', () => {
    const failures: string[] = [];
    for (const { file: f, r } of saved.load()) {
      const incremental = reparseEdited(parseYaml(r.before), r.after);
      const differs = incremental && difference(incremental, r.after);
      if (differs) failures.push(`${f}: ${differs}`);
    }
    assert.deepEqual(failures, []);
  });

  test(`random edits for ${SECONDS} s`, () => {
    const texts = corpusManifest()
      .map(({ file }) => {
        try {
          return fs.readFileSync(corpusPath(file), 'utf8');
        } catch {
          return '';
        }
      })
      .filter((t) => t && t.length < 100_000 && parseYaml(t).sections.length === 1 && !parseYaml(t).sections[0].problems.length);
    const rnd = prng(SEED);
    const deadline = Date.now() + SECONDS * 1000;
    let tried = 0;
    let accepted = 0;
    while (Date.now() < deadline) {
      const base = texts[Math.floor(rnd() * texts.length)];
      // A few edits in a row, each applied to the parse the previous one produced.
      let current = base;
      let parsed = parseYaml(base);
      for (let step = 0; step < 8; step++) {
        const next = edit(current, rnd);
        tried++;
        const before = current;
        const incremental = reparseEdited(parsed, next);
        if (incremental) {
          accepted++;
          const differs = difference(incremental, next);
          if (differs) {
            // Saved from the full text before the edit: the replay parses it whole, then applies the edit.
            const file = save({ before, after: next, difference: differs });
            assert.fail(
              `incremental and full parses differ after ${describeEdit(before, next)} (saved in ${path.relative(ROOT, file)}):\n  ${differs}`,
            );
          }
        }
        current = next;
        // Typing chains re-parses: the next edit starts from the incremental result when there is one.
        parsed = incremental ?? parseYaml(next);
      }
    }
    console.log(`incremental: ${accepted} of ${tried} edits re-parsed incrementally, all equal to a full parse`);
    assert.ok(accepted > tried / 10, `only ${accepted} of ${tried} edits took the incremental path`);
  });

  test('a keystroke in a step of a long pipeline takes the incremental path', () => {
    const steps = Array.from(
      { length: 50 },
      (_, i) => `  step_${i}:\n    type: command\n    command: echo ${i}\n    environment: azureml:env:1\n`,
    ).join('');
    const text = `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\njobs:\n${steps}settings:\n  default_compute: azureml:cpu\n`;
    const prev = parseYaml(text);
    const next = text.replace('command: echo 7\n', 'command: echo 7x\n');
    const incremental = reparseEdited(prev, next);
    assert.ok(incremental);
    assert.deepEqual(treeShape(incremental), treeShape(parseYaml(next)));
    assert.equal((incremental.sections[0].value as any).jobs.step_7.command, 'echo 7x');
  });
});
