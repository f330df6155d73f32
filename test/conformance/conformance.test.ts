import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Severity, type Diagnostic } from '../../server/src/core/types';
import { service } from '../helpers';
import { parse } from 'yaml';
import {
  expectedVerdict,
  mutatedText,
  readExceptions,
  readRecorded,
  readSpec,
  sha1,
  type CaseFacts,
  type MutantCase,
  type SpecCase,
} from './cases';

/**
 * Our verdict against the Azure ML loader's, recorded in verdicts.json by
 * `node scripts/conformance.mjs --record` (CI re-runs the loader with
 * `--check`): an error exactly where `az ml <x> create --file` fails at load
 * time, and nowhere else. A rejected mutant must get an error on the line of
 * its edit (or, for a deleted key, on the mapping that misses it).
 * exceptions.json lists where the loader installed here is not the
 * reference, each with its source.
 */

/** Findings that are not about the YAML as the loader reads it: local files, other specs of the repository. */
const NOT_LOADER_CODES = new Set(['missing-file', 'unresolved-reference']);

const recorded = readRecorded();
const exceptions = readExceptions();

function errorsOf(text: string, file: string): Diagnostic[] {
  const analysis = service().analyze({ uri: `file:///conformance/${file}`, version: 1, text });
  return analysis.diagnostics.filter((d) => d.severity === Severity.Error && !NOT_LOADER_CODES.has(String(d.code)));
}

function expected(c: CaseFacts, text: string) {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    data = undefined;
  }
  return expectedVerdict(exceptions, { ...c, data });
}

const why = (because: Array<{ id: string }>, c: { message: string; errors?: Array<[string, string]> }) =>
  because.length
    ? `exception ${because.map((e) => e.id).join(', ')}`
    : (c.errors?.map(([p, m]) => `${p}: ${m}`).join('; ') ?? c.message).slice(0, 200);
const brief = (ds: Diagnostic[]) =>
  ds
    .map((d) => `L${d.range.start.line + 1} [${d.code}] ${d.message}`)
    .join(' | ')
    .slice(0, 300);

describe('conformance with the Azure ML loader', () => {
  test(`verdicts were recorded with azure-ai-ml ${recorded.loader.version} for ${recorded.specs.length} specs and ${recorded.mutants.length} mutants`, () => {
    assert.ok(recorded.specs.length > 300 && recorded.mutants.length > 500);
    const stale = recorded.specs.filter((s) => sha1(readSpec(s.file)) !== s.sha1).map((s) => s.file);
    assert.deepEqual(stale, [], 'specs changed since the verdicts were recorded: re-record with node scripts/conformance.mjs --record');
  });

  test('every exception says why, and where the SDK says so', () => {
    const ids = new Set<string>();
    for (const e of exceptions) {
      assert.ok(!ids.has(e.id), `duplicate exception id ${e.id}`);
      ids.add(e.id);
      assert.ok(e.reason.length > 40, `${e.id}: give the reason`);
      assert.ok(e.excuse || e.match, `${e.id}: excuse or match`);
      if (e.category === 'sdk-newer')
        assert.ok(e.source.current && e.source.v1_4_0, `${e.id}: an sdk-newer exception names the current source and the 1.4.0 one`);
    }
  });

  test('every operator of the issue is there for every kind the loader knows that has a site for it', () => {
    const kinds = new Set(recorded.mutants.map((m) => m.kind));
    for (const kind of kinds) {
      const ops = new Set(recorded.mutants.filter((m) => m.kind === kind).map((m) => m.op));
      for (const op of ['unknown_key', 'misspell_key', 'delete_key', 'empty_value'] as const)
        assert.ok(ops.has(op), `${kind} has no ${op} mutant`);
    }
    assert.ok(kinds.size >= 24, `only ${kinds.size} kinds have mutants`);
  });

  const byKind = new Map<string, { specs: SpecCase[]; mutants: MutantCase[] }>();
  for (const s of recorded.specs) {
    if (!byKind.has(s.kind)) byKind.set(s.kind, { specs: [], mutants: [] });
    byKind.get(s.kind)!.specs.push(s);
  }
  for (const m of recorded.mutants) byKind.get(m.kind)!.mutants.push(m);

  for (const [kind, { specs, mutants }] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    test(`${kind}: ${specs.length} specs, ${mutants.length} mutants`, () => {
      const problems: string[] = [];
      const baseline = new Map<string, Diagnostic[]>();
      for (const s of specs) {
        const text = readSpec(s.file);
        const errors = errorsOf(text, s.file);
        baseline.set(s.file, errors);
        const want = expected({ ...s, op: 'spec', spec: s.file }, text);
        if (want.verdict === 'accept' && errors.length) problems.push(`${s.file}: the CLI accepts it; we report ${brief(errors)}`);
        if (want.verdict === 'reject' && !errors.length)
          problems.push(`${s.file}: the CLI rejects it (${why(want.because, s)}); we report no error`);
        // A seed marks the lines where the loader's error belongs with a trailing "# loader rejects".
        const marked = text.split('\n').flatMap((line, i) => (/#\s*loader rejects\b/.test(line) ? [i] : []));
        if (want.verdict === 'reject' && errors.length && marked.length && !errors.some((d) => marked.includes(d.range.start.line)))
          problems.push(`${s.file}: our error is not on line ${marked.map((l) => l + 1).join('/')}: ${brief(errors)}`);
        if (want.verdict === 'accept' && marked.length) problems.push(`${s.file}: marks a line "# loader rejects", but the CLI accepts it`);
      }
      for (const m of mutants) {
        const before = new Set((baseline.get(m.spec) ?? []).map((d) => `${d.code}:${d.message}`));
        const text = mutatedText(m);
        const errors = errorsOf(text, m.spec).filter((d) => !before.has(`${d.code}:${d.message}`));
        const want = expected(m, text);
        const where = `${m.spec} ${m.op} ${m.detail}`;
        if (want.verdict === 'accept' && errors.length) problems.push(`${where}: the CLI accepts it; we report ${brief(errors)}`);
        if (want.verdict === 'reject') {
          if (!errors.length) problems.push(`${where}: the CLI rejects it (${why(want.because, m)}); we report no error`);
          else if (!want.because.some((e) => e.anyLine) && !errors.some((d) => m.lines.includes(d.range.start.line)))
            problems.push(`${where}: our error is not on line ${m.lines.map((l) => l + 1).join('/')}: ${brief(errors)}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
