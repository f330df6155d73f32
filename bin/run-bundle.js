'use strict';
// Runs one bundle of dist/ as the command that required this file, or says
// how to make it (`npm run build`) and exits with 2.
const path = require('node:path');
const fs = require('node:fs');

module.exports = function runBundle(command, bundle) {
  const file = path.join(__dirname, '..', 'dist', bundle);
  if (!fs.existsSync(file)) {
    process.stderr.write(`${command}: dist/${bundle} is missing; run "npm run build" first.\n`);
    process.exitCode = 2;
    return;
  }
  require(file);
};
