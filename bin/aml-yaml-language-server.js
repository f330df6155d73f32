#!/usr/bin/env node
'use strict';
// The `aml-yaml-language-server` command: the language server for any LSP
// client (Neovim, Helix, Emacs, Sublime, JetBrains LSP plugins, ...). Speaks
// LSP over stdio by default (`--stdio`); `--node-ipc` and `--socket=<port>`
// work as with any vscode-languageserver server.
const transports = (a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe');
if (!process.argv.slice(2).some(transports)) process.argv.push('--stdio');
require('./run-bundle')('aml-yaml-language-server', 'server.js');
