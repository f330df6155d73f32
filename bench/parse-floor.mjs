// Child process: reads and parses files with the `yaml` package only (the
// parse floor), then prints {ms, peakRssMb, files} as JSON.
// Usage: node bench/parse-floor.mjs <list-file>   (one path per line)
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseAllDocuments } = require('yaml');

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const kept = [];
const t0 = performance.now();
const c0 = process.cpuUsage();
for (const f of files) {
  const docs = parseAllDocuments(fs.readFileSync(f, 'utf8'));
  // An index keeps something per file; keep the plain value as the floor's "summary".
  kept.push(Array.isArray(docs) ? docs.map((d) => d.toJS({ maxAliasCount: 200 })) : []);
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
process.stdout.write(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    files: files.length,
    kept: kept.length,
  }) + '\n',
);
