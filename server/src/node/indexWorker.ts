/**
 * Worker-thread entry (bundled as dist/indexWorker.js): reads and summarises
 * the files the workspace index hands over (see indexPool.ts), so that
 * neither reading nor parsing a repository's files ever runs on the server's
 * main thread. Reads only regular files inside the roots (safeRead.ts).
 */
import { parentPort } from 'node:worker_threads';
import { mergeConfig, type AmlConfig } from '../core/config';
import { packBindings, summarize } from '../workspace/summary';
import { fsPathOf } from '../workspace/uri';
import type { ParseOutcome } from '../workspace/workspaceIndex';
import { RepoConfigReader } from './repoConfig';
import { readRegularFileSync } from './safeRead';

export type IndexWorkerRequest =
  | { op: 'config'; userConfig: Partial<AmlConfig> }
  | { op: 'parse'; id: number; uris: string[]; maxBytes: number; roots: string[] };

export type IndexWorkerMessage = { ready: true } | { id: number; results: ParseOutcome[] };

const repoConfig = new RepoConfigReader();
let userConfig: Partial<AmlConfig> = {};

function configFor(file: string): AmlConfig {
  let repo: Partial<AmlConfig> = {};
  try {
    repo = repoConfig.forFile(file).config;
  } catch {
    /* unreadable configuration: defaults */
  }
  return mergeConfig(repo, userConfig);
}

function parse(uri: string, maxBytes: number, roots: string[]): ParseOutcome {
  const file = fsPathOf(uri);
  if (!file) return { uri };
  const read = readRegularFileSync(file, { maxBytes, roots: roots.length ? roots : undefined });
  if (!('text' in read)) return { uri };
  try {
    const facts = summarize(uri, read.text, configFor(file));
    // Every spec and reference repeats the file's URI: the index sets it back (a tenth of what crosses threads).
    for (const s of facts.specs) s.uri = '';
    for (const r of facts.refs) r.uri = '';
    packBindings(facts);
    return { uri, facts };
  } catch (err) {
    return { uri, failed: `the parser failed (${(err as Error)?.message ?? String(err)})` };
  }
}

parentPort!.on('message', (m: IndexWorkerRequest) => {
  if (m.op === 'config') {
    userConfig = m.userConfig;
    repoConfig.clear();
    return;
  }
  const roots = m.roots.map(fsPathOf).filter((r): r is string => !!r);
  parentPort!.postMessage({ id: m.id, results: m.uris.map((uri) => parse(uri, m.maxBytes, roots)) } satisfies IndexWorkerMessage);
});
parentPort!.postMessage({ ready: true } satisfies IndexWorkerMessage);
