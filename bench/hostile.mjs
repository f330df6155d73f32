#!/usr/bin/env node
// Hostile input and load over LSP (issue 15's classes): for each case a
// server opens the hostile document while a second client loop hovers on a
// small, unrelated spec every 20 ms; reported per case are the time to the
// hostile document's diagnostics, how long the requests on the other file
// waited (p50 and max, from the moment each was written), the peak RSS
// during the case and what the diagnostics said. Also: a burst of 10,000
// didChange, repeated requests on a document whose analysis fails, a
// framing error, requests before `initialize` and after `shutdown`.
//
// Not a test (numbers depend on the machine); `npm run bench` runs it and
// writes the table into docs/performance.md. Options: --server=<server.js>
// (another build, for before/after), --cap=<s> (give up on a case after
// this long, default 60), --only=<case,...>, --json=<file>.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from './bundle.mjs';
import { BenchClient } from './lsp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const serverJs = path.resolve(opt('server', path.join(root, 'dist', 'server.js')));
const capMs = Number(opt('cap', 60)) * 1000;
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];
const log = (...a) => console.error('[hostile]', ...a);

/** The generators live in TypeScript (test/hostile/classes.ts): bundle them once. */
function loadCases() {
  return load('hostile-classes.cjs', 'test/hostile/classes.ts');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (s, p) => {
  const a = [...s].sort((x, y) => x - y);
  return a.length ? a[Math.min(a.length - 1, Math.max(0, Math.ceil((p / 100) * a.length) - 1))] : NaN;
};
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    /* not Linux, or not allowed: the peak then covers the whole session */
  }
}

const SMALL = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: small\nlocation: eastus\npublic_network_acess: Disabled\n`;

class Session {
  constructor(dir) {
    this.dir = dir;
    this.client = new BenchClient([serverJs, '--stdio'], { settings: { 'aml-yaml': {} } });
    this.smallUri = pathToFileURL(path.join(dir, 'ws', 'small', 'workspace.yml')).toString();
  }
  async start() {
    fs.mkdirSync(path.join(this.dir, 'ws'), { recursive: true });
    await this.client.initialize(pathToFileURL(path.join(this.dir, 'ws')).toString());
    await this.client.openTimed(this.smallUri, SMALL);
    for (let i = 0; i < 5; i++) await this.hover();
  }
  hover() {
    return this.client.requestTimed('textDocument/hover', { textDocument: { uri: this.smallUri }, position: { line: 2, character: 3 } });
  }
  alive() {
    return this.client.proc.exitCode === null && this.client.proc.signalCode === null;
  }
  async stop(force = false) {
    if (!force && this.alive()) await Promise.race([this.client.shutdown(), sleep(5000)]);
    if (this.alive()) this.client.proc.kill('SIGKILL');
    try {
      this.client.conn.dispose();
    } catch {
      /* disposed */
    }
  }
}

/**
 * Hovers on the small file every 20 ms until `done` resolves; returns the
 * latencies. A hover still unanswered when `done` settles counts with the
 * time it has waited so far.
 */
async function probe(session, done) {
  const times = [];
  let finished = false;
  void done.then(
    () => (finished = true),
    () => (finished = true),
  );
  while (!finished) {
    const t0 = performance.now();
    const answered = await Promise.race([
      session.hover().then(
        () => true,
        () => true,
      ),
      done.then(
        () => false,
        () => false,
      ),
    ]);
    times.push(performance.now() - t0);
    if (!answered) break;
    await sleep(20);
  }
  return times;
}

function summarise(diagnostics) {
  const counts = {};
  for (const d of diagnostics ?? []) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([c, n]) => `${c}×${n}`)
    .join(' ');
}

/**
 * Opens `text` at `uri` while another file is hovered (`probe`): the time to
 * its diagnostics, then each request on it in turn, each capped (`stopAtCap`:
 * the first unanswered one ends the list). The whole holds to `cap` ms even
 * when the server stops reading (a blocked main thread leaves the pipe full).
 */
async function openUnderLoad(session, uri, text, requests, cap, stopAtCap = false) {
  resetPeak(session.client.proc.pid);
  const t0 = performance.now();
  const diagnostics = session.client.nextDiagnostics(uri, 1, capMs);
  const work = (async () => {
    await session.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const d = await diagnostics;
    const diagMs = performance.now() - t0;
    const probeMs = [];
    for (const [method, params] of requests) {
      const r = await Promise.race([session.client.requestTimed(method, params), sleep(capMs).then(() => ({ ms: Infinity }))]);
      probeMs.push(r.ms);
      if (stopAtCap && !Number.isFinite(r.ms)) break;
    }
    return { diagMs, d: d.diagnostics, probeMs };
  })().catch(() => undefined);
  const capped = Promise.race([work, sleep(cap).then(() => undefined)]);
  const lat = await probe(session, capped);
  const r = await capped;
  return {
    opened: !!r,
    diagnostics: r?.d,
    result: {
      chars: text.length,
      diagMs: r?.diagMs ?? Infinity,
      probeMs: r?.probeMs ?? [],
      otherP50: pct(lat, 50),
      otherMax: Math.max(...lat, 0),
      otherCount: lat.length,
      peakRssMb: session.client.peakRssMb(),
    },
  };
}

async function runOpenCase(session, c) {
  // Outside the workspace folder: closing a document there makes the index read it from disk, which
  // is the index's own work (issue 11), not the open document's.
  const dir = path.join(session.dir, `hostile-${c.name}`);
  fs.mkdirSync(dir, { recursive: true });
  if (c.config) fs.writeFileSync(path.join(dir, '.aml-yaml.json'), JSON.stringify(c.config));
  const file = path.join(dir, c.file);
  const text = c.text();
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const requests = (c.probes ?? []).map((p) => [p.method, { textDocument: { uri }, position: p.at(text) }]);
  const o = await openUnderLoad(session, uri, text, requests, capMs);
  const result = {
    name: c.name,
    what: c.what,
    ...o.result,
    diagnostics: o.opened ? summarise(o.diagnostics) : `no diagnostics within ${capMs / 1000} s`,
  };
  if (o.opened) await session.client.notify('textDocument/didClose', { textDocument: { uri } });
  return { result, healthy: o.opened && session.alive() };
}

/** 10,000 didChange notifications in a row, then a hover on the same document. */
async function runBurst(session) {
  const uri = pathToFileURL(path.join(session.dir, 'burst', 'workspace.yml')).toString();
  await session.client.openTimed(uri, SMALL);
  resetPeak(session.client.proc.pid);
  const t0 = performance.now();
  let v = 1;
  // Waiting for the last version's diagnostics starts before the burst (they may come before the hover's answer).
  const last = session.client.nextDiagnostics(uri, 10_001, capMs * 2);
  void last.catch(() => undefined);
  const writes = [];
  for (let i = 0; i < 10_000; i++)
    writes.push(
      session.client.notify('textDocument/didChange', {
        textDocument: { uri, version: ++v },
        contentChanges: [{ text: SMALL.replace('small', `small${i}`) }],
      }),
    );
  // A server that analyses every version reads the burst slowly: the writes are capped too.
  const written = await Promise.race([Promise.all(writes).then(() => true), sleep(capMs).then(() => false)]);
  const sent = performance.now();
  if (!written) {
    return {
      result: {
        name: 'didchange-burst',
        what: '10,000 didChange, then a hover on the same file',
        chars: SMALL.length,
        diagMs: Infinity,
        probeMs: [Infinity],
        otherP50: NaN,
        otherMax: Infinity,
        otherCount: 0,
        peakRssMb: session.client.peakRssMb(),
        diagnostics: `the server had not read the burst after ${capMs / 1000} s`,
      },
      healthy: false,
    };
  }
  const done = (async () => {
    const h = await session.client.requestTimed('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    return h.ms;
  })();
  const lat = await probe(session, done);
  const hoverMs = await Promise.race([done, sleep(capMs).then(() => Infinity)]);
  const lastMs = await last.then(
    () => performance.now() - t0,
    () => Infinity,
  );
  void done.catch(() => undefined);
  return {
    result: {
      name: 'didchange-burst',
      what: '10,000 didChange, then a hover on the same file',
      chars: SMALL.length,
      diagMs: lastMs,
      probeMs: [hoverMs],
      otherP50: pct(lat, 50),
      otherMax: Math.max(...lat, 0),
      otherCount: lat.length,
      peakRssMb: session.client.peakRssMb(),
      diagnostics: `writes took ${fmt(sent - t0)} ms`,
    },
    healthy: Number.isFinite(hoverMs) && session.alive(),
  };
}

/** A document whose analysis fails in the worker (4 MB of unknown keys), then five more requests on it. */
async function runRepeatedFailure(session, cases) {
  const uri = pathToFileURL(path.join(session.dir, 'huge', 'workspace.yml')).toString();
  const text = cases.hugeUnknownKeys();
  const symbols = Array.from({ length: 5 }, () => ['textDocument/documentSymbol', { textDocument: { uri } }]);
  const o = await openUnderLoad(session, uri, text, symbols, capMs * 2, true);
  return {
    result: {
      name: 'heavy-document-repeated',
      what: '3.9 MB of unknown keys, then 5 symbol requests on it',
      ...o.result,
      diagnostics: o.opened ? summarise(o.diagnostics) : 'none',
    },
    healthy: o.opened && session.alive(),
  };
}

/** Raw stdio: a message with a wrong Content-Length; does the server log and exit? */
async function runFraming() {
  const proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const frame = (obj, delta = 0) => {
    const body = Buffer.from(JSON.stringify(obj), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length + delta}\r\n\r\n`), body]);
  };
  proc.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  await sleep(1500);
  const t0 = performance.now();
  proc.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }, -5));
  proc.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
  const exited = await Promise.race([new Promise((r) => proc.once('exit', (code) => r(code))), sleep(10_000).then(() => 'alive')]);
  const ms = performance.now() - t0;
  if (exited === 'alive') proc.kill('SIGKILL');
  const answeredShutdown = /"id":2/.test(out);
  return {
    name: 'framing-error',
    what: 'Content-Length 5 bytes short, then a shutdown request',
    exit: exited,
    ms,
    answeredShutdown,
    logged: err.trim().split('\n').slice(-1)[0]?.slice(0, 160) ?? '',
  };
}

/** Requests before initialize and after shutdown: which error codes come back? */
async function runLifecycle() {
  const client = new BenchClient([serverJs, '--stdio'], {});
  const codeOf = (p) =>
    Promise.race([
      p.then(
        () => 'answered',
        (e) => String(e?.code ?? e),
      ),
      sleep(5000).then(() => 'no answer'),
    ]);
  const hover = () =>
    client.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///x.yml' }, position: { line: 0, character: 0 } });
  const before = await codeOf(hover());
  await client.initialize(null);
  await client.conn.sendRequest('shutdown');
  const after = await codeOf(hover());
  await client.notify('exit');
  await sleep(500);
  const exitCode = client.proc.exitCode;
  if (client.proc.exitCode === null) client.proc.kill('SIGKILL');
  client.conn.dispose();
  return { name: 'lifecycle', what: 'hover before initialize / after shutdown', before, after, exitCode };
}

async function main() {
  const cases = await loadCases();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-hostile-'));
  log(`server ${serverJs}, cap ${capMs / 1000} s, in ${tmp}`);
  const results = [];
  let session;
  const fresh = async () => {
    if (session) await session.stop(true);
    session = new Session(tmp);
    await session.start();
  };
  const selected = (name) => !only.length || only.includes(name);
  try {
    await fresh();
    for (const c of cases.HOSTILE_CASES) {
      if (!selected(c.name)) continue;
      log(`case ${c.name}`);
      const { result, healthy } = await runOpenCase(session, c);
      results.push(result);
      log(
        `  diagnostics ${fmt(result.diagMs)} ms, other file p50 ${fmt(result.otherP50, 1)} max ${fmt(result.otherMax)} ms, ${result.diagnostics}`,
      );
      if (!healthy) await fresh();
    }
    for (const [name, run] of [
      ['didchange-burst', () => runBurst(session)],
      ['heavy-document-repeated', () => runRepeatedFailure(session, cases)],
    ]) {
      if (!selected(name)) continue;
      log(`case ${name}`);
      const { result, healthy } = await run();
      results.push(result);
      log(
        `  ${fmt(result.diagMs)} ms, requests on it ${result.probeMs.map((m) => fmt(m)).join(', ')} ms, other file max ${fmt(result.otherMax)} ms`,
      );
      if (!healthy) await fresh();
    }
  } finally {
    await session?.stop();
  }
  const protocol = [];
  if (selected('framing-error')) protocol.push(await runFraming());
  if (selected('lifecycle')) protocol.push(await runLifecycle());
  for (const p of protocol) log(`case ${p.name}: ${JSON.stringify(p)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  const report = { server: serverJs, date: new Date().toISOString(), load: os.loadavg(), capMs, results, protocol };
  const json = opt('json', path.join(root, 'out', 'bench', 'hostile.json'));
  fs.mkdirSync(path.dirname(json), { recursive: true });
  fs.writeFileSync(json, JSON.stringify(report, null, 1));
  console.log(table(report));
}

export function table(report) {
  const lines = [
    '| case | size | diagnostics after (ms) | requests on it (ms) | other file p50 / max (ms) | peak RSS (MB) | what was reported |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of report.results) {
    const diag = Number.isFinite(r.diagMs) ? fmt(r.diagMs) : `> ${report.capMs / 1000} s`;
    const probes = r.probeMs.map((m) => (Number.isFinite(m) ? fmt(m) : '∞')).join(', ') || '–';
    lines.push(
      `| ${r.what} | ${(r.chars / 1024).toFixed(0)} KB | ${diag} | ${probes} | ${fmt(r.otherP50, 1)} / ${fmt(r.otherMax)} | ${fmt(r.peakRssMb)} | ${r.diagnostics} |`,
    );
  }
  for (const p of report.protocol ?? []) {
    if (p.name === 'framing-error')
      lines.push(
        `| ${p.what} | – | ${p.exit === 'alive' ? 'still running after 10 s' : `exited (code ${p.exit}) after ${fmt(p.ms)} ms`} | – | – | – | ${p.answeredShutdown ? 'answered the shutdown' : 'no answer'}; log: ${p.logged.replace(/\|/g, '\\|') || '(none)'} |`,
      );
    if (p.name === 'lifecycle')
      lines.push(`| ${p.what} | – | – | before: ${p.before}, after: ${p.after} | – | – | exit code after exit: ${p.exitCode} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
