import { countAll, messageOf, plural, SEVERITY_LABEL, type Formatter } from './common';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', underline: '\x1b[4m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', green: '\x1b[32m', gray: '\x1b[90m' };
const SEVERITY_COLOR: Record<number, string> = { 1: ANSI.red, 2: ANSI.yellow, 3: ANSI.cyan, 4: ANSI.gray };

/**
 * Human-readable report, grouped by file:
 *   path
 *     line:col  severity  message  rule-id
 * then one count line. Colour only when asked (a TTY, unless NO_COLOR).
 */
export const stylish: Formatter = (input) => {
  const { result } = input;
  const paint = (code: string, s: string) => (input.color ? `${code}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  for (const file of result.files) {
    if (!file.diagnostics.length) continue;
    const rows = file.diagnostics.map((d) => ({
      pos: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
      severity: d.severity,
      label: SEVERITY_LABEL[d.severity] ?? 'info',
      message: messageOf(input, d),
      code: String(d.code),
    }));
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const labelWidth = Math.max(...rows.map((r) => r.label.length));
    const messageWidth = Math.max(...rows.map((r) => r.message.length));
    out.push(paint(ANSI.underline, file.path));
    for (const r of rows) {
      out.push(
        `  ${paint(ANSI.dim, r.pos.padEnd(posWidth))}  ${paint(SEVERITY_COLOR[r.severity] ?? '', r.label.padEnd(labelWidth))}  ${r.message.padEnd(messageWidth)}  ${paint(ANSI.gray, r.code)}`,
      );
    }
    out.push('');
  }
  const c = countAll(result);
  const total = c.errors + c.warnings + c.infos;
  const checked = plural(result.files.length, 'file');
  if (result.fixedCount) out.push(`Applied ${result.fixedCount} ${result.fixedCount === 1 ? 'fix' : 'fixes'} in ${plural(result.fixedFiles.length, 'file')}.`);
  if (!total) {
    out.push(paint(ANSI.green, `No problems in ${checked}.`));
  } else {
    const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning'), `${c.infos} info${c.infos === 1 ? '' : 's'}`];
    const line = `${plural(total, 'problem')} (${parts.join(', ')}) in ${checked}.`;
    out.push(paint(ANSI.bold + (c.errors ? ANSI.red : c.warnings ? ANSI.yellow : ''), line));
    if (c.fixable) out.push(`${c.fixable} of them can be fixed with --fix.`);
  }
  return `${out.join('\n')}\n`;
};
