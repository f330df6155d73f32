#!/usr/bin/env node
'use strict';
// The `aml-yaml-language-server` command: the language server for any LSP
// client (Neovim, Helix, Emacs, Sublime, JetBrains LSP plugins, ...). Speaks
// LSP over stdio by default (`--stdio`); `--node-ipc` and `--socket=<port>`
// work as with any vscode-languageserver server.
const path = require('node:path');
const fs = require('node:fs');

const server = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(server)) {
  process.stderr.write('aml-yaml-language-server: dist/server.js is missing; run "npm run build" first.\n');
  process.exitCode = 2;
} else {
  if (!process.argv.slice(2).some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
  require(server);
}
