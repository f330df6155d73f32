// The benchmark scripts run in plain node; the code they share with the
// server and the tests is TypeScript. bundle() makes one CommonJS file of a
// TypeScript entry (a file, or a few `export ... from` lines) under
// out/bench/ with esbuild; load() bundles and requires it. So the tests and
// the benchmarks use one copy of the generators, the LSP client and the
// server modules they measure.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {string} name the output file's name under out/bench/
 * @param {string | { contents: string }} entry a path relative to the repository, or TypeScript source resolved from it
 * @param {Record<string, unknown>} [options] more esbuild options
 * @returns {Promise<string>} the bundle's path
 */
export async function bundle(name, entry, options = {}) {
  const { build } = require('esbuild');
  const outfile = path.join(ROOT, 'out', 'bench', name);
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [path.join(ROOT, entry)] }
      : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts' } }),
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    ...options,
  });
  return outfile;
}

/**
 * @param {string} name
 * @param {string | { contents: string }} entry
 * @returns {Promise<any>} the bundle's exports
 */
export async function load(name, entry) {
  return require(await bundle(name, entry));
}
