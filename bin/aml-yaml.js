#!/usr/bin/env node
'use strict';
// The `aml-yaml` command: runs the bundled checker (npm run build makes dist/cli.js).
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('aml-yaml: dist/cli.js is missing; run "npm run build" first.\n');
  process.exitCode = 2;
} else {
  require(cli);
}
