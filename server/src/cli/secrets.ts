/**
 * The CLI redacts with the checked files' own redactors (core/redact.ts,
 * built by each analysis from the text and the kind's secret fields). This
 * wrapper collects the secrets of a bare value, for callers that have no
 * analysis (tests, tools).
 */
import { collectValueSecrets, Redactor } from '../core/redact';

export class SecretRedactor extends Redactor {
  /** Collects the secret values of one parsed document. */
  collect(value: unknown): void {
    collectValueSecrets(value, this);
  }
}
