// Responsiveness of this server under hostile documents (part of `npm run
// bench`): the same hover on a small file on the idle server, while a 4 MB
// document is analysed (in the worker thread), and right after a 10 MB
// didOpen (rejected as too large). The tests (test/hostile/lsp.test.ts)
// assert only orderings and same-run ratios; the numbers are here.
import path from 'node:path';
import { load } from './bundle.mjs';
import { BenchClient } from './lsp.mjs';

const SCHEMA = (kind) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json\n`;
const SMALL = `${SCHEMA('workspace')}name: ws\nlocation: eastus\npublic_network_acess: Disabled\n`;
const MAX_TEXT = 4 * 1024 * 1024;

/** A workspace spec whose tags take `size` characters: the tests' generator (test/hostile/inputs.ts). */
const { bigSpec } = await load('hostile-inputs.cjs', 'test/hostile/inputs.ts');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function responsiveness(root, { idleSamples = 40, rounds = 3 } = {}) {
  const client = new BenchClient([path.join(root, 'dist', 'server.js'), '--stdio']);
  const small = 'file:///bench/responsiveness/small/workspace.yml';
  const hover = () => client.requestTimed('textDocument/hover', { textDocument: { uri: small }, position: { line: 3, character: 3 } });
  try {
    await client.initialize('file:///bench/responsiveness');
    await client.openTimed(small, SMALL);
    await hover();
    const idle = [];
    for (let i = 0; i < idleSamples; i++) idle.push((await hover()).ms);

    const during = [];
    const analysis = [];
    const text = bigSpec(MAX_TEXT - 64 * 1024);
    for (let r = 0; r < rounds; r++) {
      const uri = `file:///bench/responsiveness/large-${r}/workspace.yml`;
      const wait = client.nextDiagnostics(uri, 1, 300_000);
      let doneAt = 0;
      void wait.then((x) => (doneAt = x.at));
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const t0 = performance.now();
      while (!doneAt) {
        const h = await hover();
        if (!doneAt) during.push(h.ms);
        await sleep(20);
      }
      analysis.push(doneAt - t0);
      await client.notify('textDocument/didClose', { textDocument: { uri } });
    }

    const huge = [];
    for (let r = 0; r < rounds; r++) {
      const uri = `file:///bench/responsiveness/huge-${r}/workspace.yml`;
      const wait = client.nextDiagnostics(uri, 1, 300_000);
      await client.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text: bigSpec(10 * 1024 * 1024) },
      });
      huge.push((await hover()).ms);
      await wait;
      await client.notify('textDocument/didClose', { textDocument: { uri } });
    }
    return { idle, during, analysis, huge, largeChars: text.length };
  } finally {
    await client.shutdown();
  }
}
