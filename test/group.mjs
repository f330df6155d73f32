// One process for a group of test files (started by test/run.mjs with
// `node --import tsx test/group.mjs <files...>`): each file runs as a suite
// named by its path, so reports stay per test, while the files share one
// module cache, hence one compiled schema store and one tsx warm-up.
// Files are imported one after another, in the order given.
import { beforeEach, describe, test } from 'node:test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// A long synchronous test keeps the event loop busy, so the reporter cannot
// write what the tests before it reported: yield once before every test.
beforeEach(() => new Promise((resolve) => setImmediate(resolve)));

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
for (const file of process.argv.slice(2)) {
  const abs = path.resolve(file);
  describe(path.relative(root, abs), async () => {
    try {
      await import(pathToFileURL(abs).href);
    } catch (err) {
      // node:test reports a suite that fails to build but does not count it as a failed test.
      test('the test file loads', () => {
        throw err;
      });
    }
  });
}
