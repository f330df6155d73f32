// File listings shared by the build scripts.
import fs from 'node:fs';
import path from 'node:path';

/** Every `.json` file under `dir`, recursively, sorted (the schema files of `schemas/`). */
export function jsonFilesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsonFilesUnder(p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}
