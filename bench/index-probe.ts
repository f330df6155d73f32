// Child process (bundled by bench/run.mjs): indexes specs the way the server
// does, then prints JSON with the time and peak RSS.
// Usage: index-probe.js <list-file> <mode> <root-folder> [worker-file]
// mode "index": the server's WorkspaceIndex over <root-folder> with its pool
//   of worker threads (dist/indexWorker.js) reading and parsing the files, as
//   in the server (walk, read, parse, detect kinds, keep summaries,
//   references and paths); also measures the longest pause of the main
//   thread's event loop meanwhile (what a request on an open file waits);
// mode "index-main": the same without workers (everything on this thread, in slices);
// mode "analyze": full analysis (schema validation and rules) of each listed
//   file through AmlLanguageService, keeping only the diagnostics count.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IndexWorkerPool } from '../server/src/node/indexPool';
import { NodeFileSystem } from '../server/src/node/fileSystem';
import { AmlLanguageService } from '../server/src/service';
import { WorkspaceIndex } from '../server/src/workspace/workspaceIndex';

const [, , listFile, mode = 'index', rootDir, workerFile] = process.argv;
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);

async function main(): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let count = 0;
  let maxPauseMs = 0;
  const elu0 = performance.eventLoopUtilization();
  if (mode === 'index' || mode === 'index-main') {
    const pool =
      mode === 'index' ? new IndexWorkerPool(workerFile ?? path.join(__dirname, '..', '..', 'dist', 'indexWorker.js')) : undefined;
    const index = new WorkspaceIndex({ fs: new NodeFileSystem(), parser: pool });
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxPauseMs = Math.max(maxPauseMs, now - last);
      last = now;
    }, 1);
    await index.index([pathToFileURL(rootDir).toString()]);
    clearInterval(timer);
    count = index.stats().specs;
    pool?.dispose();
  } else {
    const service = new AmlLanguageService();
    for (const f of files) {
      const uri = pathToFileURL(f).toString();
      count += service.analyze({ uri, version: 1, text: fs.readFileSync(f, 'utf8') }).diagnostics.length;
      service.forget(uri);
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const mainMs = performance.eventLoopUtilization(elu0).active;
  process.stdout.write(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      files: files.length,
      count,
      mode,
      maxPauseMs,
    }) + '\n',
  );
  process.exit(0);
}

void main();
