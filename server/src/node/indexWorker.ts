/**
 * Worker-thread entry (bundled as dist/indexWorker.js): reads and summarises
 * the files the workspace index hands over (see indexPool.ts), so that
 * neither reading nor parsing a repository's files ever runs on the server's
 * main thread. Reads only regular files inside the roots (safeRead.ts).
 */
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { mergeConfig, type AmlConfig } from '../core/config';
import { packFacts, summarize } from '../workspace/summary';
import { fsPathOf } from '../workspace/uri';
import type { ParseOutcome } from '../workspace/workspaceIndex';
import { RepoConfigReader } from './repoConfig';
import { readRegularFileSync } from './safeRead';

export type IndexWorkerRequest =
  { op: 'config'; userConfig: Partial<AmlConfig> } | { op: 'parse'; id: number; uris: string[]; maxBytes: number; roots: string[] };

export type IndexWorkerMessage = { ready: true } | { id: number; results: ParseOutcome[] };

const repoConfig = new RepoConfigReader();
let userConfig: Partial<AmlConfig> = {};
/** Merged settings per folder (files of a folder share them). */
const byFolder = new Map<string, AmlConfig>();

function configFor(file: string): AmlConfig {
  const dir = path.dirname(file);
  let config = byFolder.get(dir);
  if (!config) {
    let repo: Partial<AmlConfig> = {};
    try {
      repo = repoConfig.forDir(dir).config;
    } catch {
      /* unreadable configuration: defaults */
    }
    config = mergeConfig(repo, userConfig);
    byFolder.set(dir, config);
  }
  return config;
}

function parse(uri: string, maxBytes: number, roots: string[]): ParseOutcome {
  const file = fsPathOf(uri);
  if (!file) return { uri };
  const read = readRegularFileSync(file, { maxBytes, roots: roots.length ? roots : undefined });
  if (!('text' in read)) return { uri };
  try {
    return { uri, packed: packFacts(summarize(uri, read.text, configFor(file))) };
  } catch (err) {
    return { uri, failed: `the parser failed (${(err as Error)?.message ?? String(err)})` };
  }
}

parentPort!.on('message', (m: IndexWorkerRequest) => {
  if (m.op === 'config') {
    userConfig = m.userConfig;
    repoConfig.clear();
    byFolder.clear();
    return;
  }
  const roots = m.roots.map(fsPathOf).filter((r): r is string => !!r);
  parentPort!.postMessage({ id: m.id, results: m.uris.map((uri) => parse(uri, m.maxBytes, roots)) } satisfies IndexWorkerMessage);
});
parentPort!.postMessage({ ready: true } satisfies IndexWorkerMessage);
