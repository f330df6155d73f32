// The scale part of `npm run bench`: a generated repository of 20,000 specs
// (bench/repository.mjs: kinds mixed as in azureml-examples, references
// between them, workflows, conda files and Python sources beside them).
// 1. Fresh processes, interleaved rounds: the parse floor (read every YAML
//    file with readFileSync and parse it with `yaml`, one thread) against the
//    server's WorkspaceIndex with its pool of worker threads (bench/index-probe.ts);
//    wall time, CPU, peak RSS of the process (its worker threads included),
//    and the longest pause of the main thread's event loop meanwhile.
// 2. The server over LSP on the same repository: hovers on an open file
//    every 50 ms while it indexes (their latency), time to the end of
//    indexing, peak RSS (VmHWM of the server process, threads included);
//    then a change on disk to one compute spec with 40 specs open (which of
//    them are re-analysed), and a flood of 2,000 Deleted events (time until
//    the next request is answered).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lsp.mjs';
import { writeRepository } from './repository.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pct(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function child(root, argv) {
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * @param {{ root: string, tmp: string, specs: number, rounds: number, probe: string, log: (...a: unknown[]) => void }} o
 */
export async function scaleBench(o) {
  const dir = path.join(o.tmp, 'scale');
  const repo = writeRepository(dir, o.specs, 11);
  const list = path.join(o.tmp, 'scale-files.txt');
  fs.writeFileSync(list, repo.yaml.join('\n'));
  o.log(`scale: ${repo.specs} specs in ${repo.projects} projects, ${repo.yaml.length} YAML files`);
  const worker = path.join(o.root, 'dist', 'indexWorker.js');

  // 1. Index against the parse floor, fresh processes, interleaved.
  const floor = [];
  const index = [];
  for (let i = 0; i < o.rounds; i++) {
    floor.push(child(o.root, [path.join(o.root, 'bench', 'parse-floor.mjs'), list]));
    index.push(child(o.root, [o.probe, list, 'index', dir, worker]));
    o.log(`scale round ${i + 1}: floor ${floor.at(-1).ms.toFixed(0)} ms, index ${index.at(-1).ms.toFixed(0)} ms`);
  }
  const median = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  const result = {
    specs: repo.specs,
    projects: repo.projects,
    yamlFiles: repo.yaml.length,
    floor: { ...median(floor), peakRssMb: Math.max(...floor.map((r) => r.peakRssMb)) },
    index: {
      ...median(index),
      peakRssMb: Math.max(...index.map((r) => r.peakRssMb)),
      maxPauseMs: Math.max(...index.map((r) => r.maxPauseMs)),
    },
    ratios: index.map((r, i) => r.ms / floor[i].ms),
  };

  // 2. The server over LSP.
  const client = new BenchClient([path.join(o.root, 'dist', 'server.js'), '--stdio'], {
    settings: { 'aml-yaml': {}, 'files.exclude': {} },
  });
  let ended;
  const indexed = new Promise((resolve) => (ended = resolve));
  client.conn.onNotification('$/progress', (p) => {
    if (p.value?.kind === 'end') ended(performance.now());
  });
  const t0 = performance.now();
  await client.initialize(pathToFileURL(dir).toString(), undefined, { window: { workDoneProgress: true } });
  const projectDir = (p) => path.join(dir, 'projects', `p${p}`);
  const openFile = path.join(projectDir(0), 'jobs', 'train-job-0.yml');
  const openUri = pathToFileURL(openFile).toString();
  await client.openTimed(openUri, fs.readFileSync(openFile, 'utf8'));
  const hovers = [];
  let indexing = true;
  void indexed.then(() => (indexing = false));
  while (indexing) {
    const h = await client.requestTimed('textDocument/hover', { textDocument: { uri: openUri }, position: { line: 4, character: 12 } });
    if (indexing) hovers.push(h.ms);
    await Promise.race([sleep(50), indexed]);
  }
  const indexedAt = await indexed;
  const lsp = {
    indexMs: indexedAt - t0,
    hoversDuringIndexing: hovers.length,
    hoverP50: pct(hovers, 50),
    hoverP95: pct(hovers, 95),
    hoverMax: Math.max(...hovers),
  };

  // Forty specs open, in twenty projects: every job of project 3 names its compute cluster.
  const opened = [];
  for (let p = 0; p < 20; p++) {
    for (const rel of ['jobs/train-job-0.yml', 'endpoints/online-deployment-0.yml']) {
      const file = path.join(projectDir(p), rel);
      const uri = pathToFileURL(file).toString();
      await client.openTimed(uri, fs.readFileSync(file, 'utf8'));
      opened.push(uri);
    }
  }
  await sleep(500);
  const republished = new Set();
  const listen = (p) => republished.add(p.uri);
  client.onDiagnostics = listen;
  const cluster = path.join(projectDir(3), 'compute', 'cluster-0.yml');
  fs.writeFileSync(cluster, fs.readFileSync(cluster, 'utf8').replace('location: ', 'location: x'));
  const tc = performance.now();
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cluster).toString(), type: 2 }] });
  const dependent = pathToFileURL(path.join(projectDir(3), 'jobs', 'train-job-0.yml')).toString();
  const deadline = performance.now() + 10_000;
  while (!republished.has(dependent) && performance.now() < deadline) await sleep(5);
  const changeMs = performance.now() - tc;
  await sleep(1000);
  const events = {
    open: opened.length,
    republished: [...republished].filter((u) => opened.includes(u)).length,
    dependentRepublished: republished.has(dependent),
    changeMs,
  };

  // A flood of Deleted events for files of the index (a folder checked out away, file by file).
  const gone = [];
  for (let p = Math.max(20, Math.floor(repo.projects / 2)); p < repo.projects && gone.length < 2000; p++) {
    for (const f of fs.readdirSync(path.join(projectDir(p), 'components')))
      gone.push(pathToFileURL(path.join(projectDir(p), 'components', f)).toString());
    for (const f of fs.readdirSync(path.join(projectDir(p), 'pipelines')))
      gone.push(pathToFileURL(path.join(projectDir(p), 'pipelines', f)).toString());
    for (const f of fs.readdirSync(path.join(projectDir(p), 'endpoints')))
      gone.push(pathToFileURL(path.join(projectDir(p), 'endpoints', f)).toString());
  }
  while (gone.length < 2000) gone.push(pathToFileURL(path.join(dir, 'gone', `f${gone.length}.yml`)).toString());
  const tf = performance.now();
  await client.notify('workspace/didChangeWatchedFiles', { changes: gone.slice(0, 2000).map((uri) => ({ uri, type: 3 })) });
  await client.requestTimed('textDocument/hover', { textDocument: { uri: openUri }, position: { line: 4, character: 12 } });
  events.floodMs = performance.now() - tf;
  events.floodEvents = 2000;
  lsp.peakRssMb = client.peakRssMb();
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...result, lsp, events };
}
