import { Severity } from '../../core/types';
import { escapeText } from '../escape';
import { shownMessageOf, type ChunkedFormatter } from './common';

const COMMAND: Record<number, string> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'notice',
  [Severity.Hint]: 'notice',
};

/** Escaping of GitHub Actions workflow commands (actions/toolkit, command.ts), after control characters are made visible. */
const escapeData = (s: string) => escapeText(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions annotations, one per diagnostic:
 *   ::error file=path,line=L,col=C,endLine=L2,endColumn=C2,title=rule-id::message
 * warnings as ::warning, infos and hints as ::notice.
 */
export const githubChunks: ChunkedFormatter = function* (input) {
  for (const f of input.result.files) {
    for (const d of f.diagnostics) {
      const props = [
        `file=${escapeProperty(f.path)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(`aml-yaml ${d.code}`)}`,
      ];
      yield `::${COMMAND[d.severity] ?? 'notice'} ${props.join(',')}::${escapeData(`${shownMessageOf(input, d)} (${d.code})`)}\n`;
    }
  }
};
