import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { MemoryFileSystem } from '../../server/src/workspace/fs';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { AmlLanguageService } from '../../server/src/service';
import { corpusManifest, corpusPath, ROOT } from '../helpers';
import { kindPart, Regressions } from './regressions';
import { checkText, mutate, positionsFor, prng, type Problem } from './fuzz';

/**
 * Fuzzing: mutated corpus files through every feature of the language
 * service. Bounded by AML_YAML_FUZZ_SECONDS (default 15 s; CI runs longer); the seed is
 * AML_YAML_FUZZ_SEED (default: fixed, so CI runs are reproducible). A failing
 * input is saved in test/fixtures/fuzz-regressions/ and replayed by the
 * second test on every run.
 */

const SECONDS = Number(process.env.AML_YAML_FUZZ_SECONDS ?? 15);
const SEED = Number(process.env.AML_YAML_FUZZ_SEED ?? 20260701);
const REGRESSIONS = path.join(ROOT, 'test', 'fixtures', 'fuzz-regressions');
const ROOT_URI = 'file:///fuzz';

interface Regression {
  /** The input, JSON-encoded so that lone surrogates and control characters survive. */
  text: string;
  /** Where it came from and what failed when it was saved. */
  uri: string;
  source?: string;
  seed?: number;
  iteration?: number;
  mutations?: string[];
  positions: Array<{ line: number; character: number }>;
  problems: Problem[];
}

const corpus = corpusManifest()
  .map(({ file }) => ({ file, text: readOrEmpty(corpusPath(file)) }))
  .filter((f) => f.text.length > 0 && f.text.length < 200_000);

function readOrEmpty(p: string): string {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

let service: AmlLanguageService;
let index: WorkspaceIndex;

before(async () => {
  // A workspace of 60 real specs, so that cross-file rules and navigation run too.
  const files: Record<string, string> = {};
  for (const f of corpus.filter((_, i) => i % Math.max(1, Math.floor(corpus.length / 60)) === 0))
    files[`${ROOT_URI}/repo/${f.file}`] = f.text;
  index = new WorkspaceIndex({ fs: new MemoryFileSystem(files) });
  await index.index([`${ROOT_URI}/repo`]);
  service = new AmlLanguageService({ workspace: index, incrementalParse: true });
  // Validators compile once per kind on first use (up to a second for the largest); "every call
  // within a second" is about analysis, so compile them before the clock starts.
  for (const kind of service.store.kinds()) service.store.validator(kind);
});

const saved = new Regressions<Regression>(REGRESSIONS);
const save = (r: Regression) => saved.save(r, [r.text], kindPart(r.problems[0]?.kind));

function signature(p: Problem): string {
  // One regression per kind of failure and place in the code, not per input.
  const frame = /at (\S+) \(([^)]*?)(?::\d+)+\)/.exec(p.detail.split('\n').slice(1).join('\n'));
  return `${p.kind}@${frame ? `${frame[1]} ${path.basename(frame[2])}` : p.detail.slice(0, 60)}`;
}

describe('fuzzing (mutated corpus files through every feature)', () => {
  test('saved regressions replay cleanly', () => {
    const failures: string[] = [];
    for (const { file: f, r } of saved.load()) {
      const rnd = prng(1);
      const positions = [...r.positions, ...positionsFor(r.text, rnd, 20)];
      const problems = checkText(service, `${r.uri}#replay`, r.text, positions, index);
      service.forget(`${r.uri}#replay`);
      if (problems.length) failures.push(`${f}:\n${problems.map((p) => `  ${p.kind}: ${p.detail}`).join('\n')}`);
    }
    assert.deepEqual(failures, []);
  });

  test(`random mutations for ${SECONDS} s (seed ${SEED})`, { timeout: (SECONDS + 120) * 1000 }, () => {
    const rnd = prng(SEED);
    const deadline = Date.now() + SECONDS * 1000;
    const seen = new Map<string, string>();
    let iterations = 0;
    while (Date.now() < deadline) {
      iterations++;
      const base = corpus[Math.floor(rnd() * corpus.length)];
      const donor = corpus[Math.floor(rnd() * corpus.length)];
      const { text, applied } = mutate(base.text, rnd, donor.text);
      const uri = `${ROOT_URI}/repo/${base.file.replace(/\.ya?ml$/i, '')}.fuzz${iterations}.yml`;
      const positions = positionsFor(text, rnd, 6);
      // Half the time the unmutated file was open first, as in an editor: the mutation is then an edit (incremental re-parse).
      if (rnd() < 0.5) service.diagnostics({ uri, version: 0, text: base.text });
      const problems = checkText(service, uri, text, positions, index);
      service.forget(uri);
      void index.closeDocument(uri);
      if (!problems.length) continue;
      const fresh = problems.filter((p) => !seen.has(signature(p)));
      if (!fresh.length) continue;
      const file = save({ text, uri, source: base.file, seed: SEED, iteration: iterations, mutations: applied, positions, problems });
      for (const p of fresh) seen.set(signature(p), `${path.relative(ROOT, file)}: ${p.kind}: ${p.detail}`);
    }
    console.log(`fuzz: ${iterations} inputs in ${SECONDS} s, seed ${SEED}, ${seen.size} distinct problems`);
    assert.deepEqual([...seen.values()], []);
  });
});
