import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { kindInfo } from '../../server/src/core/kinds';
import { mutantsOf, OPERATORS, prng, type Mutant, type Operator } from './mutants';

/**
 * The conformance suite's cases: every real spec of the vendored corpus (and
 * of `seeds/`, small specs of kinds the corpus has no loadable example of)
 * whose kind has an azure-ai-ml load function, and seeded single-edit mutants
 * of the specs the loader accepts, for every operator and every kind. The
 * loader's verdict on each is recorded in `verdicts.json` by
 * `scripts/conformance.mjs --record`; `conformance.test.ts` checks ours.
 */

/** The repository root: above this file, or above the working folder when the module is loaded without a file path. */
export const ROOT = (() => {
  const starts = [typeof __dirname === 'string' && path.isAbsolute(__dirname) ? __dirname : undefined, process.cwd()];
  for (const start of starts) {
    for (let dir = start; dir; dir = path.dirname(dir) === dir ? undefined : path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'test', 'conformance', 'cases.ts'))) return dir;
    }
  }
  throw new Error('cannot find the repository root (test/conformance/cases.ts)');
})();
export const HERE = path.join(ROOT, 'test', 'conformance');
export const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
export const SEEDS = path.join(HERE, 'seeds');
export const VERDICTS_FILE = path.join(HERE, 'verdicts.json');
export const EXCEPTIONS_FILE = path.join(HERE, 'exceptions.json');

/** Mutants kept per kind and operator (chosen with a seeded shuffle among all the accepted specs' mutants). */
export const PER_KIND_PER_OP = 4;
/** Mutants generated per spec and operator before the choice. */
export const PER_SPEC_PER_OP = 2;
export const SEED = 'aml-yaml-conformance-1';

export interface Spec {
  /** `corpus/<path in azureml-examples>` or `seeds/<file>`. */
  file: string;
  kind: string;
  loader: string;
  sha1: string;
}

export interface Verdict {
  /** true: the loader accepts; false: it raises; null: no verdict (no loader, timeout). */
  ok: boolean | null;
  /** The exception class the loader raised. */
  error: string;
  /** Its message, with the temporary tree's path replaced by `<tree>`, at most 300 characters. */
  message: string;
  /** The error as [dotted path, message] leaves (marshmallow's structure, or the JSON in the SDK's message). */
  errors?: Array<[string, string]>;
}

export interface SpecCase extends Spec, Verdict {}

export interface MutantCase extends Verdict {
  id: string;
  spec: string;
  kind: string;
  op: Operator;
  site: string;
  detail: string;
  edit: Mutant['edit'];
  lines: number[];
}

export interface Recorded {
  loader: { package: string; version: string };
  seed: string;
  specs: SpecCase[];
  mutants: MutantCase[];
}

export const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export function absolutePath(file: string): string {
  return file.startsWith('seeds/')
    ? path.join(SEEDS, file.slice('seeds/'.length))
    : path.join(CORPUS, 'azureml-examples', file.slice('corpus/'.length));
}

export function readSpec(file: string): string {
  return fs.readFileSync(absolutePath(file), 'utf8');
}

/** Every spec whose kind names an azure-ai-ml load function (`x-kind.loader`). */
export function listSpecs(): Spec[] {
  const out: Spec[] = [];
  const manifest = fs.readFileSync(path.join(CORPUS, 'azureml-examples.tsv'), 'utf8').trim().split('\n').slice(1);
  for (const line of manifest) {
    const [file, kindName] = line.split('\t');
    const kind = kindInfo(kindName);
    if (!kind?.loader) continue;
    out.push({ file: `corpus/${file}`, kind: kind.id, loader: kind.loader, sha1: sha1(readSpec(`corpus/${file}`)) });
  }
  for (const name of fs.readdirSync(SEEDS).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const text = fs.readFileSync(path.join(SEEDS, name), 'utf8');
    const kind = kindInfo(/^# kind: (\S+)/m.exec(text)?.[1] ?? '');
    if (!kind?.loader) throw new Error(`seeds/${name}: first line must be "# kind: <kind id>" of a kind with a loader`);
    out.push({ file: `seeds/${name}`, kind: kind.id, loader: kind.loader, sha1: sha1(text) });
  }
  return out;
}

/**
 * The mutant cases of the specs the loader accepts: per kind and operator,
 * PER_KIND_PER_OP mutants chosen by a seeded shuffle, so every operator is
 * represented for every kind that has a site for it.
 */
export function chooseMutants(accepted: Spec[]): Array<Omit<MutantCase, keyof Verdict>> {
  const byKind = new Map<string, Array<Omit<MutantCase, keyof Verdict>>>();
  for (const spec of accepted) {
    let mutants: Mutant[];
    try {
      mutants = mutantsOf(readSpec(spec.file), `${SEED}:${spec.file}`, PER_SPEC_PER_OP);
    } catch {
      continue; // several documents, anchors: not mutated
    }
    for (const m of mutants) {
      const list = byKind.get(spec.kind) ?? [];
      list.push({
        id: `${spec.file}#${m.op}#${m.site}#${list.filter((x) => x.spec === spec.file && x.op === m.op && x.site === m.site).length}`,
        spec: spec.file,
        kind: spec.kind,
        ...m,
      });
      byKind.set(spec.kind, list);
    }
  }
  const out: Array<Omit<MutantCase, keyof Verdict>> = [];
  for (const kind of [...byKind.keys()].sort()) {
    const all = byKind.get(kind)!;
    for (const op of OPERATORS) {
      const rng = prng(`${SEED}:${kind}:${op}`);
      const ofOp = all.filter((m) => m.op === op);
      for (let i = ofOp.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [ofOp[i], ofOp[j]] = [ofOp[j], ofOp[i]];
      }
      out.push(...ofOp.slice(0, PER_KIND_PER_OP));
    }
  }
  return out;
}

export function mutatedText(c: Pick<MutantCase, 'spec' | 'edit'>): string {
  const text = readSpec(c.spec);
  return text.slice(0, c.edit.start) + c.edit.text + text.slice(c.edit.end);
}

export function readRecorded(): Recorded {
  return JSON.parse(fs.readFileSync(VERDICTS_FILE, 'utf8')) as Recorded;
}

/** verdicts.json with one case per line, so that a re-record shows as a readable diff. */
export function formatRecorded(r: Recorded): string {
  const line = (x: unknown) => `    ${JSON.stringify(x)}`;
  return [
    '{',
    `  "loader": ${JSON.stringify(r.loader)},`,
    `  "seed": ${JSON.stringify(r.seed)},`,
    '  "specs": [',
    r.specs.map(line).join(',\n'),
    '  ],',
    '  "mutants": [',
    r.mutants.map(line).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/**
 * One entry of exceptions.json: where what `az ml` does is not what the loader
 * installed here (azure-ai-ml 1.4.0) says, with the source that says so. An
 * entry either excuses loader errors (`excuse`: a case whose every error leaf
 * is excused is one the CLI accepts) or names cases (`match`) and says what
 * the CLI does with them.
 */
export interface ConformanceException {
  id: string;
  category: 'sdk-newer' | 'cli-supplied' | 'local-files' | 'placeholder' | 'create-time';
  reason: string;
  /** The source the expectation follows: the current SDK's file, and the 1.4.0 file that differs. */
  source: { current?: string; v1_4_0?: string };
  kinds?: string[];
  /**
   * Loader error leaves the CLI does not raise: path and message patterns, and
   * a pattern for the value at that path. With `siblings`, the other leaves at
   * that path, below it or beside it in the same mapping (a number: in the
   * mapping that many levels up) are excused too: they are a union field's
   * other alternatives failing for the same reason.
   */
  excuse?: { path?: string; message?: string; value?: string; siblings?: boolean | number };
  /** Cases (by operator, site, edit) where the CLI's verdict is `expect`. */
  match?: { ops?: Array<Operator | 'spec'>; spec?: string; site?: string; detail?: string };
  expect: 'accept' | 'reject';
  /** The CLI's failure is about another place than the edit (a binding that uses a deleted input): the error may be on any line. */
  anyLine?: boolean;
}

export function readExceptions(): ConformanceException[] {
  return JSON.parse(fs.readFileSync(EXCEPTIONS_FILE, 'utf8')).exceptions as ConformanceException[];
}

export interface CaseFacts {
  kind: string;
  op: Operator | 'spec';
  spec: string;
  site?: string;
  detail?: string;
  ok: boolean | null;
  errors?: Array<[string, string]>;
  /** The case's YAML as data, for `excuse.value`. */
  data?: unknown;
}

function valueAt(data: unknown, dotted: string): unknown {
  let v: any = data;
  for (const seg of dotted ? dotted.split('.') : []) v = v === null || typeof v !== 'object' ? undefined : v[seg];
  return v;
}

/** The leaves of a rejection that an exception excuses. */
export function excusedLeaves(all: ConformanceException[], c: CaseFacts): Array<{ leaf: [string, string]; by: ConformanceException }> {
  const out: Array<{ leaf: [string, string]; by: ConformanceException }> = [];
  const leaves = c.errors ?? [];
  for (const leaf of leaves) {
    const by = all.find((e) => {
      if (!e.excuse || (e.kinds && !e.kinds.includes(c.kind))) return false;
      if (e.excuse.path !== undefined && !new RegExp(e.excuse.path).test(leaf[0])) return false;
      if (e.excuse.message !== undefined && !new RegExp(e.excuse.message).test(leaf[1])) return false;
      if (e.excuse.value !== undefined) {
        const v = valueAt(c.data, leaf[0]);
        if (typeof v !== 'string' || !new RegExp(e.excuse.value).test(v)) return false;
      }
      return true;
    });
    if (by) out.push({ leaf, by });
  }
  // Union alternatives that fail beside an excused leaf fail for its reason.
  for (const { leaf: root, by } of [...out]) {
    if (!by.excuse?.siblings) continue;
    const levels = by.excuse.siblings === true ? 1 : by.excuse.siblings;
    const parent = root[0].split('.').slice(0, -levels).join('.');
    for (const leaf of leaves) {
      if (out.some((x) => x.leaf === leaf)) continue;
      const p = leaf[0];
      const related = p === root[0] || p.startsWith(root[0] + '.') || (parent !== '' && (p === parent || p.startsWith(parent + '.')));
      if (related) out.push({ leaf, by });
    }
  }
  return out;
}

/**
 * What the CLI does with a case: the loader's verdict, unless exceptions say
 * otherwise (every error leaf excused, or a `match` entry).
 */
export function expectedVerdict(
  all: ConformanceException[],
  c: CaseFacts,
): { verdict: 'accept' | 'reject' | 'skip'; because: ConformanceException[] } {
  const matched = all.find((e) => {
    if (!e.match || (e.kinds && !e.kinds.includes(c.kind))) return false;
    const m = e.match;
    if (m.ops && !m.ops.includes(c.op)) return false;
    if (m.spec && !new RegExp(m.spec).test(c.spec)) return false;
    if (m.site && !new RegExp(m.site).test(c.site ?? '')) return false;
    if (m.detail && !new RegExp(m.detail).test(c.detail ?? '')) return false;
    return true;
  });
  if (matched) return { verdict: matched.expect, because: [matched] };
  if (c.ok === null) return { verdict: 'skip', because: [] };
  if (c.ok) return { verdict: 'accept', because: [] };
  const excused = excusedLeaves(all, c);
  if (c.errors?.length && excused.length === c.errors.length) return { verdict: 'accept', because: [...new Set(excused.map((x) => x.by))] };
  return { verdict: 'reject', because: [] };
}
