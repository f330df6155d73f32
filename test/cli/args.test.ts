import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseArgs, UsageError } from '../../server/src/cli/args';

const DEFAULTS = { command: 'check', paths: [], format: 'stylish', fix: false, ignore: [], verbose: false };

describe('command line (util.parseArgs)', () => {
  const ok: Array<[string[], object]> = [
    [['check'], DEFAULTS],
    [['check', 'a', 'b/*.yml'], { ...DEFAULTS, paths: ['a', 'b/*.yml'] }],
    [['check', '-f', 'json'], { ...DEFAULTS, format: 'json' }],
    [['check', '--format', 'sarif'], { ...DEFAULTS, format: 'sarif' }],
    [['check', '--format=github'], { ...DEFAULTS, format: 'github' }],
    [['check', '-fjson'], { ...DEFAULTS, format: 'json' }],
    [['check', '--fix', '--verbose'], { ...DEFAULTS, fix: true, verbose: true }],
    [['check', '--max-warnings', '0'], { ...DEFAULTS, maxWarnings: 0 }],
    [['check', '--max-warnings=12'], { ...DEFAULTS, maxWarnings: 12 }],
    [['check', '--ignore', 'x', '--ignore=**/*.gen.yml'], { ...DEFAULTS, ignore: ['x', '**/*.gen.yml'] }],
    [['check', '--color'], { ...DEFAULTS, color: true }],
    [['check', '--no-color'], { ...DEFAULTS, color: false }],
    [['check', '--color', '--no-color'], { ...DEFAULTS, color: false }],
    [['check', 'a', '--', '--fix', '-'], { ...DEFAULTS, paths: ['a', '--fix', '-'] }],
    [['check', '-'], { ...DEFAULTS, paths: ['-'] }],
    [['check', 'a', '--format', 'json', 'b'], { ...DEFAULTS, paths: ['a', 'b'], format: 'json' }],
    [['--help'], { command: 'help' }],
    [['-h'], { command: 'help' }],
    [['help'], { command: 'help' }],
    [['check', '--fix', '-h'], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [['-v'], { command: 'version' }],
    [['version'], { command: 'version' }],
  ];
  for (const [argv, want] of ok) {
    test(`aml-yaml ${argv.join(' ')}`, () => assert.deepEqual(parseArgs(argv), want));
  }

  const bad: Array<[string[], string]> = [
    [[], 'missing command: use "aml-yaml check [paths...]".'],
    [['lint'], 'unknown command "lint": use "aml-yaml check [paths...]".'],
    [['--fix', 'check'], 'unknown option "--fix" before the command.'],
    [['--', 'check'], 'unknown option "--" before the command.'],
    [['check', '--frobnicate'], 'unknown option "--frobnicate".'],
    [['check', '--frobnicate=1'], 'unknown option "--frobnicate".'],
    [['check', '-x'], 'unknown option "-x".'],
    [['check', '--format'], 'option --format needs a value.'],
    [['check', '-f', '--fix'], 'option -f needs a value.'],
    [['check', '--format', 'xml'], 'unknown format "xml": use one of stylish, json, sarif, github.'],
    [['check', '--format='], 'unknown format "": use one of stylish, json, sarif, github.'],
    [['check', '--max-warnings', 'many'], '--max-warnings needs a whole number of 0 or more, not "many".'],
    [['check', '--max-warnings', '-1'], 'option --max-warnings needs a value.'],
    [['check', '--max-warnings=1.5'], '--max-warnings needs a whole number of 0 or more, not "1.5".'],
    [['check', '--ignore'], 'option --ignore needs a value.'],
    [['check', '--fix=yes'], 'option --fix takes no value.'],
    [['check', '--no-color=1'], 'option --no-color takes no value.'],
    [['check', '--format', 'xml', '--frobnicate'], 'unknown format "xml": use one of stylish, json, sarif, github.'],
  ];
  for (const [argv, message] of bad) {
    test(`aml-yaml ${argv.join(' ')} is a usage error`, () => {
      assert.throws(
        () => parseArgs(argv),
        (err: unknown) => err instanceof UsageError && err.message === message,
      );
    });
  }
});
