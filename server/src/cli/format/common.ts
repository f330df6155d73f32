import { Severity, type Diagnostic } from '../../core/types';
import type { CheckResult } from '../check';

export interface ReportInput {
  result: CheckResult;
  /** The tool's version (package.json). */
  version: string;
  /** ANSI colours (stylish only). */
  color: boolean;
}

export type Formatter = (input: ReportInput) => string;

export interface Counts {
  errors: number;
  warnings: number;
  /** Information and hint diagnostics. */
  infos: number;
  fixable: number;
}

export function countAll(result: CheckResult): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const f of result.files) {
    for (const d of f.diagnostics) {
      if (d.severity === Severity.Error) c.errors++;
      else if (d.severity === Severity.Warning) c.warnings++;
      else c.infos++;
    }
    c.fixable += f.fixable;
  }
  return c;
}

export const SEVERITY_LABEL: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The message as printed: secrets redacted, on one line. */
export function messageOf(input: ReportInput, d: Diagnostic): string {
  return input.result.redact(d.message).replace(/\s*[\r\n]+\s*/g, ' ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
