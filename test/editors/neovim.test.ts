// Neovim, a second real LSP client (Debian's neovim 0.7.2, no plugins): the
// configuration the README gives, run headless as a user's init.lua, with
// `aml-yaml-language-server` on PATH as `npm i -g aml-yaml` puts it. A Lua
// script then waits for the diagnostics and asks for a hover and completion.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, schemaLine } from '../helpers';
import { HANG_MS } from '../timing';

const IMAGE_BUILD_QUOTE =
  'If your workspace dependencies are under network restrictions, use the image_build_compute property to specify a compute cluster to use for image building.';

/** The Lua block of the README's Neovim section (what users paste into init.lua). */
function readmeConfig(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /```lua\n(-- aml-yaml in Neovim[\s\S]*?)```/.exec(readme);
  assert.ok(m, 'README.md has a ```lua block starting with "-- aml-yaml in Neovim"');
  return m[1];
}

function findNvim(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

const CHECK = `
-- Waits for the server's diagnostics on the current buffer, asks for a hover and
-- completion, and writes what arrived as JSON to $AML_OUT.
local bufnr = vim.api.nvim_get_current_buf()
local out = { filetype = vim.bo[bufnr].filetype }
local hang_ms = tonumber(os.getenv('AML_HANG_MS'))
vim.wait(hang_ms, function() return #vim.diagnostic.get(bufnr) >= 2 end, 50)
out.clients = {}
for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do table.insert(out.clients, c.name) end
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(out.diagnostics, { line = d.lnum, severity = d.severity, source = d.source, code = lsp.code, message = d.message })
end
local uri = vim.uri_from_bufnr(bufnr)
local function ask(method, line, character)
  local answers = vim.lsp.buf_request_sync(bufnr, method, { textDocument = { uri = uri }, position = { line = line, character = character } }, hang_ms) or {}
  for _, a in pairs(answers) do if a.result then return a.result end end
end
out.hover = ask('textDocument/hover', 3, 3)
out.completion = ask('textDocument/completion', 6, 0)
local f = assert(io.open(os.getenv('AML_OUT'), 'w'))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
`;

describe('Neovim (built-in LSP client, no plugins)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-nvim-'));
  const ws = path.join(tmp, 'contoso-ml');
  const bin = path.join(tmp, 'bin');
  let version: string | undefined;

  before(() => {
    version = findNvim();
    if (!version && process.getuid?.() === 0) {
      // A fresh machine: .ci/setup-system installs the Debian packages the editor tests need (idempotent).
      spawnSync('bash', [path.join(ROOT, '.ci', 'setup-system')], { cwd: ROOT, stdio: 'inherit' });
      version = findNvim();
    }
    fs.mkdirSync(ws, { recursive: true });
    fs.mkdirSync(bin, { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'bin', 'aml-yaml-language-server.js'), path.join(bin, 'aml-yaml-language-server'));
    fs.writeFileSync(
      path.join(ws, 'workspace.yml'),
      `${schemaLine('workspace')}\nname: contoso\nlocation: eastus\npublic_network_access: Disabled\nlocaton: westus\ndisplay_name: Contoso\n\n`,
    );
    fs.writeFileSync(path.join(tmp, 'init.lua'), readmeConfig());
    fs.writeFileSync(path.join(tmp, 'check.lua'), CHECK);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the README's configuration: diagnostics, hover and completion arrive", { timeout: 4 * HANG_MS }, () => {
    assert.ok(version, "nvim is not installed: run .ci/setup-system (as root), which installs Debian's neovim");
    const outFile = path.join(tmp, 'out.json');
    const r = spawnSync(
      'nvim',
      ['--headless', '-u', path.join(tmp, 'init.lua'), '-i', 'NONE', '-n', 'workspace.yml', '-c', `luafile ${path.join(tmp, 'check.lua')}`],
      {
        cwd: ws,
        encoding: 'utf8',
        timeout: 3 * HANG_MS,
        env: {
          ...process.env,
          PATH: `${bin}${path.delimiter}${process.env.PATH}`,
          AML_OUT: outFile,
          AML_HANG_MS: String(HANG_MS),
          XDG_CONFIG_HOME: path.join(tmp, 'config'),
          XDG_DATA_HOME: path.join(tmp, 'data'),
          XDG_STATE_HOME: path.join(tmp, 'state'),
        },
      },
    );
    assert.ok(fs.existsSync(outFile), `nvim (${version}) wrote no result; exit ${r.status}, signal ${r.signal}\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    assert.equal(out.filetype, 'yaml');
    assert.deepEqual(out.clients, ['aml-yaml']);
    const byCode = Object.fromEntries(out.diagnostics.map((d: { code: string }) => [d.code, d]));
    assert.equal(byCode['private-workspace-image-build-compute']?.line, 3, JSON.stringify(out.diagnostics));
    assert.equal(byCode['unknown-key']?.line, 4);
    assert.match(byCode['unknown-key'].message, /Did you mean "location"\?|locaton/);
    for (const d of out.diagnostics) assert.equal(d.source, 'aml-yaml');
    assert.ok(String(out.hover?.contents?.value).includes(IMAGE_BUILD_QUOTE), `hover: ${JSON.stringify(out.hover)}`);
    const labels = (out.completion?.items ?? out.completion ?? []).map((i: { label: string }) => i.label);
    assert.ok(labels.includes('description') && labels.includes('image_build_compute'), `completion: ${labels.join(', ')}`);
    assert.ok(!labels.includes('location'), 'present keys are not offered');
  });
});
