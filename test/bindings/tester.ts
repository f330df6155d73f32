import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BINDING_CODES, type BindingCode } from '../../server/src/bindings/codes';
import { BUILTIN_CODES } from '../../server/src/features/diagnostics';
import { LineIndex } from '../../server/src/core/text';
import { Severity, type Diagnostic, type Range } from '../../server/src/core/types';
import type { AmlLanguageService } from '../../server/src/service';
import { applyEdits, doc, service } from '../helpers';
import { assertFix, matches } from '../rules/tester';

/**
 * Table tests for one binding diagnostic code. A case's text marks each
 * expected diagnostic's range with « and »; the markers are removed before
 * analysis. Valid cases get no diagnostic of the code; invalid cases get
 * exactly the marked ones, in order, with the message fragments given; every
 * fix offered removes its diagnostic and adds no error.
 */
export interface BindingCase {
  name: string;
  text: string;
  /** Message fragments, one per « » range, in order. */
  messages?: Array<string | RegExp>;
  /** A fix to apply (title fragment) and the text expected after it (markers removed). */
  fix?: { title: string | RegExp; output: string };
  uri?: string;
}

const OPEN = '«';
const CLOSE = '»';

/** Removes « » markers; returns the text and the marked ranges. */
export function marked(text: string): { text: string; ranges: Range[] } {
  let out = '';
  const offsets: Array<[number, number]> = [];
  let open = -1;
  for (const ch of text) {
    if (ch === OPEN) open = out.length;
    else if (ch === CLOSE) {
      offsets.push([open, out.length]);
      open = -1;
    } else out += ch;
  }
  const lines = new LineIndex(out);
  return { text: out, ranges: offsets.map(([s, e]) => lines.range(s, e)) };
}

const at = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
const ERRORS = (d: Diagnostic[]) => d.filter((x) => x.severity === Severity.Error);

export function bindingTester(
  code: BindingCode,
  cases: { valid: BindingCase[]; invalid: BindingCase[] },
  svc: () => AmlLanguageService = () => service(),
): void {
  describe(`binding check ${code}`, () => {
    test('is a built-in code with a description and default severity', () => {
      assert.ok((BUILTIN_CODES as readonly string[]).includes(code));
      assert.ok(BINDING_CODES[code].description.length > 20);
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        const { text } = marked(c.text);
        const d = svc()
          .diagnostics(doc(text, c.uri))
          .filter((x) => x.code === code);
        assert.deepEqual(
          d.map((x) => `${at(x.range)} ${x.message}`),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const s = svc();
        const { text, ranges } = marked(c.text);
        assert.ok(ranges.length, 'an invalid case marks at least one range');
        const source = doc(text, c.uri);
        const all = s.diagnostics(source);
        const mine = all.filter((x) => x.code === code);
        assert.deepEqual(
          mine.map((x) => at(x.range)),
          ranges.map(at),
          `ranges of ${code}: ${mine.map((x) => x.message).join(' | ')}`,
        );
        const severity = { error: Severity.Error, warning: Severity.Warning, info: Severity.Information, hint: Severity.Hint }[
          BINDING_CODES[code].severity
        ];
        mine.forEach((d, i) => {
          assert.equal(d.severity, severity);
          assert.equal(d.source, 'aml-yaml');
          const want = c.messages?.[i];
          if (want) assert.ok(matches(d.message, want), `message "${d.message}" lacks ${want}`);
        });
        // Every fix: removes its diagnostic and adds no error.
        const before = new Set(ERRORS(all).map((d) => `${d.code} ${d.message}`));
        for (const d of mine) {
          for (const action of s.codeActions(source, d.range, [d])) {
            if (action.title.startsWith('Fix all')) continue;
            const out = applyEdits(text, action.edit.changes[source.uri]);
            const after = s.diagnostics(doc(out, c.uri));
            assert.equal(
              after.filter((x) => x.code === code && x.message === d.message).length,
              0,
              `after "${action.title}" the diagnostic remains:\n${out}`,
            );
            const added = ERRORS(after).filter((x) => !before.has(`${x.code} ${x.message}`) && x.code !== code);
            assert.deepEqual(
              added.map((x) => `${x.code} ${x.message}`),
              [],
              `after "${action.title}":\n${out}`,
            );
          }
        }
        if (c.fix) assertFix(s, source, mine, c.fix.title, marked(c.fix.output).text);
      });
    }
  });
}
