/** Command-line parsing for `aml-yaml` over Node's `util.parseArgs`: strict about unknown flags. */
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: FormatName;
  fix: boolean;
  maxWarnings?: number;
  ignore: string[];
  verbose: boolean;
  /** undefined: colour when FORCE_COLOR is set, or stdout is a terminal and NO_COLOR is unset. */
  color?: boolean;
}

export type ParsedArgs = CheckArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: aml-yaml check [options] [paths or globs...]

Checks the Azure ML CLI v2 YAML specs under the given files, folders or globs
(default: the current folder). Other YAML is skipped. node_modules and .git
are never walked into. The files checked together form the workspace for
cross-file rules. Settings come from the nearest .aml-yaml.json.

Options:
  -f, --format <name>     stylish (default), json, sarif or github
      --fix               apply every safe quick-fix in place, then report what remains
      --max-warnings <n>  exit 1 when there are more than n warnings
      --ignore <path|glob> skip matching files or folders (repeatable)
      --verbose           list skipped files and detected kinds on stderr
      --color, --no-color force colours on or off (stylish)
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 no errors (warnings allowed unless --max-warnings is exceeded),
1 errors found or too many warnings, 2 usage or configuration error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  fix: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  ignore: { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

type OptionName = keyof typeof OPTIONS;

/**
 * Node's `util.parseArgs` splits the command line into tokens (long and short
 * options, `--opt=value`, `-fvalue`, `--`); the tokens are then read in
 * order, so the first problem is the one reported, with our own messages.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const { tokens } = nodeParseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  if (!tokens.length) throw new UsageError('missing command: use "aml-yaml check [paths...]".');
  const first = tokens[0];
  if (first.kind === 'option') {
    if (first.name === 'help') return { command: 'help' };
    if (first.name === 'version') return { command: 'version' };
    throw new UsageError(`unknown option "${first.rawName}" before the command.`);
  }
  if (first.kind === 'option-terminator') throw new UsageError('unknown option "--" before the command.');
  const command = first.value;
  if (command === 'help') return { command: 'help' };
  if (command === 'version') return { command: 'version' };
  if (command !== 'check') throw new UsageError(`unknown command "${command}": use "aml-yaml check [paths...]".`);

  const out: CheckArgs = { command: 'check', paths: [], format: 'stylish', fix: false, ignore: [], verbose: false };
  for (const token of tokens.slice(1)) {
    if (token.kind === 'positional') {
      out.paths.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    if (!Object.hasOwn(OPTIONS, token.name)) throw new UsageError(`unknown option "${token.rawName}".`);
    const name = token.name as OptionName;
    const value = (): string => {
      // "--format -x" would take "-x" as the value: an option, not a value ("-" alone is a path).
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-') && token.value !== '-'))
        throw new UsageError(`option ${token.rawName} needs a value.`);
      return token.value;
    };
    if (OPTIONS[name].type === 'boolean' && token.value !== undefined) throw new UsageError(`option ${token.rawName} takes no value.`);
    switch (name) {
      case 'format': {
        const v = value();
        if (!(FORMAT_NAMES as readonly string[]).includes(v))
          throw new UsageError(`unknown format "${v}": use one of ${FORMAT_NAMES.join(', ')}.`);
        out.format = v as FormatName;
        break;
      }
      case 'fix':
        out.fix = true;
        break;
      case 'max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not "${v}".`);
        out.maxWarnings = Number(v);
        break;
      }
      case 'ignore':
        out.ignore.push(value());
        break;
      case 'verbose':
        out.verbose = true;
        break;
      case 'color':
        out.color = true;
        break;
      case 'no-color':
        out.color = false;
        break;
      case 'help':
        return { command: 'help' };
      case 'version':
        return { command: 'version' };
    }
  }
  return out;
}
