import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Severity, type Diagnostic, type Range } from '../../server/src/core/types';
import { RULES_BY_ID } from '../../server/src/rules/registry';
import type { AmlLanguageService } from '../../server/src/service';
import { applyEdits, doc, service } from '../helpers';
import { marked, rangeOf } from '../markers';

/**
 * A diagnostic expected from the rule. Its range, exactly, comes from (first
 * that applies): `at`, a snippet of the text that occurs once, « » inside it
 * marking the range (`'public_network_access: «disabled»'`); or the i-th
 * « » range marked in the case's text. `line`/`column` (1-based, counted by
 * hand) still work but are discouraged: they break when the fixture changes.
 */
export interface Expected {
  at?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** A fragment (or pattern) the message must contain. */
  message: string | RegExp;
  severity?: 'error' | 'warning' | 'info' | 'hint';
}

export interface InvalidCase {
  name: string;
  /** The text; « » mark the expected ranges (removed before analysis). */
  text: string;
  errors: Expected[];
  /** Title fragment of the fix to apply, and the full text expected afterwards. */
  fix?: { title: string | RegExp; output: string };
  uri?: string;
}

export interface ValidCase {
  name: string;
  text: string;
  uri?: string;
}

/** A diagnostic's numeric severity as the tables write it. */
export const SEV: Record<number, 'error' | 'warning' | 'info' | 'hint'> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
/** Codes whose errors a rule's fix must not introduce. */
export const SCHEMA_ERRORS = new Set([
  'yaml-syntax',
  'duplicate-key',
  'wrong-type',
  'invalid-enum',
  'missing-required',
  'invalid-value',
  'unknown-key',
]);

function ofRule(
  s: AmlLanguageService,
  id: string,
  text: string,
  uri?: string,
): { all: Diagnostic[]; mine: Diagnostic[]; source: ReturnType<typeof doc> } {
  const source = doc(text, uri);
  const all = s.diagnostics(source);
  return { all, mine: all.filter((d) => d.code === id), source };
}

export function matches(msg: string, want: string | RegExp): boolean {
  return typeof want === 'string' ? msg.includes(want) : want.test(msg);
}

/** 1-based `line:column-line:column`, as an editor shows a range. */
export const at = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

/** The diagnostic's range is exactly `range` (from `at` or a « » marker), or matches the hand-counted positions. */
export function checkRange(
  d: Diagnostic,
  e: Pick<Expected, 'line' | 'column' | 'endLine' | 'endColumn'>,
  range: Range | undefined,
  i: number,
): void {
  if (range) {
    assert.equal(at(d.range), at(range), `range of diagnostic ${i}: ${d.message}`);
    return;
  }
  assert.ok(
    e.line !== undefined && e.column !== undefined,
    `diagnostic ${i} has no expected position: give "at", « » markers in the text, or line and column`,
  );
  assert.equal(d.range.start.line + 1, e.line, `line of diagnostic ${i}: ${d.message}`);
  assert.equal(d.range.start.character + 1, e.column, `column of diagnostic ${i}: ${d.message}`);
  if (e.endLine !== undefined) assert.equal(d.range.end.line + 1, e.endLine, `end line of diagnostic ${i}`);
  if (e.endColumn !== undefined) assert.equal(d.range.end.character + 1, e.endColumn, `end column of diagnostic ${i}`);
}

/**
 * Table-driven tests for one rule, in the style of ESLint's RuleTester:
 * valid cases stay silent; invalid cases produce exactly the expected
 * diagnostics (position, message, severity); every fix offered on every
 * invalid case removes its diagnostic and introduces no YAML or schema error.
 */
export function ruleTester(id: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }, svc?: () => AmlLanguageService): void {
  const get = svc ?? (() => service());
  describe(`rule ${id}`, () => {
    test('is registered with docs metadata', () => {
      const rule = RULES_BY_ID.get(id);
      assert.ok(rule, `rule ${id} is not in the catalog`);
      assert.equal(rule!.id, id);
      assert.ok(rule!.description.length > 10);
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        const { mine } = ofRule(get(), id, marked(c.text).text, c.uri);
        assert.deepEqual(
          mine.map((d) => d.message),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const s = get();
        const { text, ranges } = marked(c.text);
        const { all, mine, source } = ofRule(s, id, text, c.uri);
        assert.equal(
          mine.length,
          c.errors.length,
          `expected ${c.errors.length} ${id} diagnostics, got: ${JSON.stringify(mine.map((d) => [d.range, d.message]))}`,
        );
        if (ranges.length) assert.equal(ranges.length, c.errors.length, 'the text marks one « » range per expected diagnostic');
        c.errors.forEach((e, i) => {
          const d = mine[i];
          checkRange(d, e, e.at !== undefined ? rangeOf(text, e.at) : ranges[i], i);
          assert.ok(matches(d.message, e.message), `message "${d.message}" lacks ${e.message}`);
          if (e.severity) assert.equal(SEV[d.severity], e.severity);
          assert.equal(d.source, 'aml-yaml');
          const rule = RULES_BY_ID.get(id)!;
          if (rule.article) assert.equal(d.codeDescription?.href, rule.article.url);
        });
        // Every fix offered for every diagnostic: applying it removes that diagnostic and breaks nothing.
        const baseline = new Set(
          all.filter((d) => SCHEMA_ERRORS.has(String(d.code)) && d.severity === Severity.Error).map((d) => d.message),
        );
        for (const d of mine) {
          for (const action of s.codeActions(source, d.range, [d])) {
            if (!action.title.startsWith('Fix all')) {
              const out = applyEdits(text, action.edit.changes[source.uri]);
              const after = ofRule(s, id, out, c.uri);
              const same = after.mine.filter((x) => x.message === d.message);
              assert.equal(same.length, 0, `after "${action.title}" the diagnostic remains:\n${out}`);
              const broken = after.all.filter(
                (x) => SCHEMA_ERRORS.has(String(x.code)) && x.severity === Severity.Error && !baseline.has(x.message),
              );
              assert.deepEqual(
                broken.map((x) => x.message),
                [],
                `after "${action.title}":\n${out}`,
              );
            }
          }
        }
        if (c.fix) assertFix(s, source, mine, c.fix.title, marked(c.fix.output).text);
      });
    }
  });
}

/** The fix titled `title`, offered on one of the diagnostics `on`, turns the document into `output`. */
export function assertFix(
  s: AmlLanguageService,
  source: { uri: string; text: string; version: number },
  on: Diagnostic[],
  title: string | RegExp,
  output: string,
): void {
  const actions = on.flatMap((d) => s.codeActions(source, d.range, [d]));
  const action = actions.find((a) => matches(a.title, title));
  assert.ok(action, `no fix titled ${title}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(applyEdits(source.text, action!.edit.changes[source.uri]), output);
}
