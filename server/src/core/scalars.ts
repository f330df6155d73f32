/** Readings of plain values (the parse's JS values) shared by the schema checks, the rules and the features. */

/** A whole-value `${{ ... }}` expression: filled in by the service, never judged as a literal. */
export const EXPRESSION = /^\s*\$\{\{[\s\S]*\}\}\s*$/;

export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/** A plain mapping, or undefined. */
export function asMap(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
