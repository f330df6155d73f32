// Child process (bundled by bench/run.mjs): indexes specs the way the server
// does, then prints JSON with the time and peak RSS.
// Usage: index-probe.js <list-file> <mode> <root-folder>
// mode "index": the server's WorkspaceIndex over <root-folder> (walk, read,
//   parse, detect kinds, keep summaries and references);
// mode "analyze": full analysis (schema validation and rules) of each listed
//   file through AmlLanguageService, keeping only the diagnostics count.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { NodeFileSystem } from '../server/src/node/fileSystem';
import { AmlLanguageService } from '../server/src/service';
import { WorkspaceIndex } from '../server/src/workspace/workspaceIndex';

const [, , listFile, mode = 'index', rootDir] = process.argv;
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);

async function main(): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let count = 0;
  if (mode === 'index') {
    const index = new WorkspaceIndex({ fs: new NodeFileSystem() });
    await index.index([pathToFileURL(rootDir).toString()]);
    count = index.stats().specs;
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
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, files: files.length, count, mode }) + '\n');
}

void main();
