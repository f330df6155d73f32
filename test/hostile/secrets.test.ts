import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { main, type CliIO } from '../../server/src/cli/main';
import { LspClient } from '../lsp/client';
import { schemaLine } from '../helpers';

/**
 * No secret is ever repeated: every place the language service or the CLI
 * shows text (diagnostics, hovers, completion items, code action titles,
 * document and workspace symbols, the server's log, every CLI format), for
 * secrets written in every way the YAML parser may read differently.
 */

const S = (kind: string) => `${schemaLine(kind)}\n`;
const blob = (credentials: string) =>
  `${S('azureBlob')}name: blob\ntype: azure_blob\naccount_name: acct\ncontainer_name: c\n${credentials}`;

/** Each file and the secrets it holds (at least twelve characters, so that fragments are checked too). */
const CASES: Record<string, { text: string; secrets: string[] }> = {
  'plain.yml': { text: blob('credentials:\n  account_key: PlainSecretValue0001==\n'), secrets: ['PlainSecretValue0001'] },
  'no-space.yml': { text: blob('credentials:\n  account_key:NoSpaceSecretValue02==\n'), secrets: ['NoSpaceSecretValue02'] },
  'block.yml': { text: blob('credentials:\n  account_key: |-\n    BlockScalarSecret003==\n'), secrets: ['BlockScalarSecret003'] },
  'tag.yml': { text: blob('credentials:\n  account_key: !vault TaggedSecretValue04==\n'), secrets: ['TaggedSecretValue04'] },
  'flow-key.yml': { text: blob('{account_key: FlowKeySecretValue05}: 1\n'), secrets: ['FlowKeySecretValue05'] },
  'key.yml': { text: blob('tags:\n  "AccountKey=KeyInKeySecretVal06;x=y": 1\n'), secrets: ['KeyInKeySecretVal06'] },
  'escape.yml': { text: blob('credentials:\n  account_key: "PartialEscapeSecret07\\x4"\n'), secrets: ['PartialEscapeSecret07'] },
  'sas.yml': {
    text: `$schema: https://acct.blob.core.windows.net/s/workspace.schema.json?sv=2022-11-02&sig=SasSignatureSecret08%3D\nname: ws\nlocation: eastus\n`,
    secrets: ['SasSignatureSecret08'],
  },
  'connection.yml': {
    text: `${S('connection')}name: git\ntype: git\ntarget: https://github.com/contoso/repo\ncredentials:\n  type: pat\n  pat: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n`,
    secrets: ['ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
  },
  'job.yml': {
    text: `${S('commandJob')}command: python train.py --api-key CommandLineSecret09 --epochs 3\nenvironment: azureml:env:1\ncompute: azureml:cpu\nenvironment_variables:\n  DB_PASSWORD: EnvironmentSecret10\n  SETUP: "export API_TOKEN=ExportedSecretVal11"\n`,
    secrets: ['CommandLineSecret09', 'EnvironmentSecret10', 'ExportedSecretVal11'],
  },
  'pem.yml': {
    text: `${S('azureDataLakeGen2')}name: adls\ntype: azure_data_lake_gen2\naccount_name: acct\nfilesystem: fs\ncredentials:\n  tenant_id: 00000000-0000-0000-0000-000000000000\n  client_id: 00000000-0000-0000-0000-000000000000\n  certificate: |\n    -----BEGIN CERTIFICATE-----\n    MIIPemBodySecretLine12AbCdEf\n    -----END CERTIFICATE-----\n  thumbprint: 0123456789\n`,
    secrets: ['MIIPemBodySecretLine12'],
  },
  'prompt-flow.yml': {
    text: `name: custom\ntype: custom\nconfigs:\n  base: x\nsecrets:\n  anything_at_all: PromptFlowSecret13\n`,
    secrets: ['PromptFlowSecret13'],
  },
};

function leaks(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => {
    for (let i = 0; i + 12 <= s.length; i++) if (text.includes(s.slice(i, i + 12))) return true;
    return text.includes(s);
  });
}

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-secrets-'));
  for (const [name, c] of Object.entries(CASES)) fs.writeFileSync(path.join(dir, name), c.text);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('secrets are never repeated over LSP', () => {
  let client: LspClient;
  const logs: string[] = [];
  before(async () => {
    client = new LspClient();
    client.conn.onNotification('window/logMessage', (p: any) => void logs.push(p.message));
    client.conn.onNotification('window/showMessage', (p: any) => void logs.push(p.message));
    await client.initialize(pathToFileURL(dir).toString(), { workspace: { configuration: true, workspaceFolders: true } });
  });
  after(async () => {
    await client.shutdown();
  });

  for (const [name, c] of Object.entries(CASES)) {
    test(name, async () => {
      const uri = pathToFileURL(path.join(dir, name)).toString();
      const wait = client.waitForDiagnostics(uri);
      client.open(uri, c.text);
      const shown: unknown[] = [await wait];
      const lines = c.text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line].length; character += 3) {
          const position = { line, character };
          shown.push(await client.request('textDocument/hover', { textDocument: { uri }, position }));
          shown.push(await client.request('textDocument/completion', { textDocument: { uri }, position }));
        }
      }
      shown.push(await client.request('textDocument/documentSymbol', { textDocument: { uri } }));
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      const actions: any[] = await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: whole,
        context: { diagnostics: client.diagnostics.get(uri) ?? [] },
      });
      // Titles are shown; edits are applied to the file (they may hold the file's own text).
      shown.push(actions.map((a) => a.title));
      shown.push(await client.request('workspace/symbol', { query: '' }));
      const found = leaks(JSON.stringify(shown) + logs.join('\n') + client.stderr, c.secrets);
      assert.deepEqual(found, [], `${name} repeats a secret`);
    });
  }
});

describe('secrets are never repeated by the CLI', () => {
  const all = Object.values(CASES).flatMap((c) => c.secrets);
  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    test(`--format ${format} --verbose`, async () => {
      let out = '';
      const io: CliIO = { cwd: dir, env: {}, stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (out += t) } };
      await main(['check', '--verbose', '-f', format, '.'], io);
      assert.ok(out.length > 100);
      assert.deepEqual(leaks(out, all), []);
    });
  }
});
