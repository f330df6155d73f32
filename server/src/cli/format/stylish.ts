import { escapeText } from '../escape';
import { countAll, plural, SEVERITY_LABEL, shownMessageOf, type ChunkedFormatter } from './common';

/** Messages are aligned up to this width; longer ones are not padded (output stays proportional to the findings). */
const ALIGN = 100;

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  underline: '\x1b[4m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  green: '\x1b[32m',
  gray: '\x1b[90m',
};
const SEVERITY_COLOR: Record<number, string> = { 1: ANSI.red, 2: ANSI.yellow, 3: ANSI.cyan, 4: ANSI.gray };

/**
 * Human-readable report, grouped by file:
 *   path
 *     line:col  severity  message  rule-id
 * then one count line. Colour only when asked (a TTY, unless NO_COLOR).
 */
export const stylishChunks: ChunkedFormatter = function* (input) {
  const { result } = input;
  const paint = (code: string, s: string) => (input.color ? `${code}${s}${ANSI.reset}` : s);
  for (const file of result.files) {
    const out: string[] = [];
    if (!file.diagnostics.length) continue;
    const rows = file.diagnostics.map((d) => ({
      pos: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
      severity: d.severity,
      label: SEVERITY_LABEL[d.severity] ?? 'info',
      message: shownMessageOf(input, d),
      code: escapeText(String(d.code)),
    }));
    let posWidth = 0;
    let labelWidth = 0;
    let messageWidth = 0;
    for (const r of rows) {
      posWidth = Math.max(posWidth, r.pos.length);
      labelWidth = Math.max(labelWidth, r.label.length);
      messageWidth = Math.min(ALIGN, Math.max(messageWidth, r.message.length));
    }
    out.push(paint(ANSI.underline, escapeText(file.path)));
    for (const r of rows) {
      out.push(
        `  ${paint(ANSI.dim, r.pos.padEnd(posWidth))}  ${paint(SEVERITY_COLOR[r.severity] ?? '', r.label.padEnd(labelWidth))}  ${r.message.padEnd(messageWidth)}  ${paint(ANSI.gray, r.code)}`,
      );
    }
    out.push('');
    yield `${out.join('\n')}\n`;
  }
  const out: string[] = [];
  const c = countAll(result);
  const total = c.errors + c.warnings + c.infos;
  const checked = plural(result.files.length, 'file');
  if (result.fixedCount)
    out.push(`Applied ${result.fixedCount} ${result.fixedCount === 1 ? 'fix' : 'fixes'} in ${plural(result.fixedFiles.length, 'file')}.`);
  if (!total) {
    out.push(paint(ANSI.green, `No problems in ${checked}.`));
  } else {
    const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning'), `${c.infos} info${c.infos === 1 ? '' : 's'}`];
    const line = `${plural(total, 'problem')} (${parts.join(', ')}) in ${checked}.`;
    out.push(paint(ANSI.bold + (c.errors ? ANSI.red : c.warnings ? ANSI.yellow : ''), line));
    if (c.fixable) out.push(`${c.fixable} of them can be fixed with --fix.`);
  }
  yield `${out.join('\n')}\n`;
};
