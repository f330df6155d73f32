import { isScalar } from '../../core/document';
import { KINDS, kindInfo } from '../../core/kinds';
import { looksLikeToken, secretSpans } from '../../core/redact';
import type { Rule, RuleContext } from '../api';
import { EXPRESSION } from '../../core/scalars';

/** Whole-value documentation placeholder such as `<password>` (unreplaced-placeholder reports it). */
const PLACEHOLDER = /^\s*<[^<>\n]+>\s*$/;

/** A field pattern of the kind registry: `*` any key of a mapping, `[]` any item of a list. */
type SecretPattern = readonly string[];

/**
 * The fields that hold a secret, by kind: the `x-secret` fields of the
 * schemas (kind registry), with the kind's `x-kind.secretAdvice`.
 */
export const SECRET_FIELDS: ReadonlyArray<{ kinds: readonly string[]; paths: readonly SecretPattern[]; advice: string }> = KINDS.filter(
  (k) => k.secrets.length,
).map((k) => ({
  kinds: [k.id],
  paths: k.secrets,
  advice: adviceFor(k.id),
}));

/** What to do instead of writing the secret (the kind's `x-kind.secretAdvice`). */
export function adviceFor(kind: string): string {
  return kindInfo(kind)?.secretAdvice ?? 'keep the value out of the file and supply it when you create the resource';
}

/** Concrete paths in value that match a pattern (`*` expands over map keys, `[]` over list items). */
function expand(value: unknown, pattern: SecretPattern): Array<Array<string | number>> {
  let paths: Array<Array<string | number>> = [[]];
  for (const seg of pattern) {
    const next: Array<Array<string | number>> = [];
    for (const p of paths) {
      const v = at(value, p);
      if (v === null || typeof v !== 'object') continue;
      if (seg === '[]') {
        if (Array.isArray(v)) v.forEach((_, i) => next.push([...p, i]));
      } else if (!Array.isArray(v)) {
        const keys = seg === '*' ? Object.keys(v) : Object.prototype.hasOwnProperty.call(v, seg) ? [seg] : [];
        for (const k of keys) next.push([...p, k]);
      }
    }
    paths = next;
  }
  return paths;
}

function at(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let v = value;
  for (const s of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[s as string];
  return v;
}

/** The scalar paths at or under a path (a pattern covers everything under an `x-secret` mapping). */
function scalarsUnder(value: unknown, path: Array<string | number>, out: Array<Array<string | number>>, depth = 0): void {
  const v = at(value, path);
  if (depth > 16 || out.length > 1000) return;
  if (v === null || typeof v !== 'object') out.push(path);
  else if (Array.isArray(v)) v.forEach((_, i) => scalarsUnder(value, [...path, i], out, depth + 1));
  else for (const k of Object.keys(v)) scalarsUnder(value, [...path, k], out, depth + 1);
}

/** A literal secret: a non-empty scalar that is neither an expression nor a placeholder. */
function isLiteralSecret(v: unknown): boolean {
  if (typeof v === 'number') return true;
  if (typeof v !== 'string') return false;
  if (!v.trim()) return false;
  return !EXPRESSION.test(v) && !PLACEHOLDER.test(v);
}

/**
 * A secret written in the YAML file ends up in source control and in every
 * copy of the spec. The fields come from the kind's schema (`x-secret`, read
 * through the kind registry), and
 * a value is found however the YAML parser happened to read it (`key:value`
 * without a space, a tag, a block scalar): the text is scanned for the
 * fields' names too. Tokens of a well-known shape (GitHub, AWS, ... keys) are
 * reported wherever they are. The message names the field, never the value.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'A secret (account key, SAS token, client secret, password, API key, access token) written as a literal value in the file.',
  kinds: ['*'],
  check(ctx) {
    // The kind's secret fields: its schema's `x-secret` annotations, through the kind registry.
    const patterns: readonly SecretPattern[] = kindInfo(ctx.kind)?.secrets ?? [];
    const advice = adviceFor(ctx.kind);
    const reported: Array<[number, number]> = [];
    const report = (start: number, end: number, field: string | undefined) => {
      if (reported.some(([s, e]) => start < e && s < end)) return;
      reported.push([start, end]);
      const what = field === undefined ? 'This value has the shape of an access token: it' : `"${field}"`;
      ctx.report({ message: `${what} holds a secret in plain text (****). Keep secrets out of YAML files: ${advice}.`, start, end });
    };
    for (const pattern of patterns) {
      for (const base of expand(ctx.value, pattern)) {
        const paths: Array<Array<string | number>> = [];
        scalarsUnder(ctx.value, base, paths);
        for (const path of paths) {
          if (!isLiteralSecret(at(ctx.value, path))) continue;
          const node = ctx.node(path);
          if (!node || !isScalar(node)) continue;
          const range = ctx.valueRange(path);
          if (range) report(range[0], range[1], path.join('.'));
        }
      }
    }
    fromText(ctx, patterns, report);
  },
};

/**
 * The same fields found in the text (a value the parser read as part of
 * another, such as `account_key:abc` without a space), and tokens of a
 * known shape anywhere in the document.
 */
function fromText(
  ctx: RuleContext,
  patterns: readonly SecretPattern[],
  report: (start: number, end: number, field: string | undefined) => void,
): void {
  const names = new Set(patterns.map((p) => p[p.length - 1]).filter((n) => n !== '*' && n !== '[]'));
  const { start, end } = ctx.section;
  const text = ctx.file.text;
  // The whole file's scan (shared with the redactor), the spans of this document.
  for (const span of secretSpans(text)) {
    if (span.start < start || span.end > end) continue;
    const value = text.slice(span.start, span.end);
    if (!isLiteralSecret(value)) continue;
    if (span.name !== undefined && names.has(span.name.toLowerCase())) report(span.start, span.end, span.name);
    else if (looksLikeToken(value)) report(span.start, span.end, undefined);
  }
}

export default rule;
