/** Command-line parsing for `aml-yaml`: no dependency, strict about unknown flags. */

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

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  if (!args.length) throw new UsageError('missing command: use "aml-yaml check [paths...]".');
  const first = args[0];
  if (first === '-h' || first === '--help' || first === 'help') return { command: 'help' };
  if (first === '-v' || first === '--version' || first === 'version') return { command: 'version' };
  if (first !== 'check') throw new UsageError(first.startsWith('-') ? `unknown option "${first}" before the command.` : `unknown command "${first}": use "aml-yaml check [paths...]".`);

  const out: CheckArgs = { command: 'check', paths: [], format: 'stylish', fix: false, ignore: [], verbose: false };
  let i = 1;
  const value = (flag: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const v = args[++i];
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`option ${flag} needs a value.`);
    return v;
  };
  let onlyPaths = false;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      out.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const noValue = () => {
      if (inline !== undefined) throw new UsageError(`option ${flag} takes no value.`);
    };
    switch (flag) {
      case '-f':
      case '--format': {
        const v = value(flag, inline);
        if (!(FORMAT_NAMES as readonly string[]).includes(v)) throw new UsageError(`unknown format "${v}": use one of ${FORMAT_NAMES.join(', ')}.`);
        out.format = v as FormatName;
        break;
      }
      case '--fix':
        noValue();
        out.fix = true;
        break;
      case '--max-warnings': {
        const v = value(flag, inline);
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not "${v}".`);
        out.maxWarnings = Number(v);
        break;
      }
      case '--ignore':
        out.ignore.push(value(flag, inline));
        break;
      case '--verbose':
        noValue();
        out.verbose = true;
        break;
      case '--color':
        noValue();
        out.color = true;
        break;
      case '--no-color':
        noValue();
        out.color = false;
        break;
      case '-h':
      case '--help':
        return { command: 'help' };
      case '-v':
      case '--version':
        return { command: 'version' };
      default:
        throw new UsageError(`unknown option "${flag}".`);
    }
  }
  return out;
}
