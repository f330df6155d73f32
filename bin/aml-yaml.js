#!/usr/bin/env node
'use strict';
// The `aml-yaml` command: runs the bundled checker (npm run build makes dist/cli.js).
require('./run-bundle')('aml-yaml', 'cli.js');
