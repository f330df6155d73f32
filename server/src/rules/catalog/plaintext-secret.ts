import { isScalar } from '../../core/document';
import { KINDS } from '../../core/kinds';
import type { Rule } from '../api';

/** Whole-value `${{ ... }}` expression (a reference resolved at run time, not a secret). */
const EXPRESSION = /^\s*\$\{\{[\s\S]*\}\}\s*$/;
/** Whole-value documentation placeholder such as `<password>` (unreplaced-placeholder reports it). */
const PLACEHOLDER = /^\s*<[^<>\n]+>\s*$/;

type Pattern = readonly string[];

/**
 * The fields that hold a secret, by kind: the `x-secret` fields of the
 * schemas (kind registry), with the kind's `x-kind.secretAdvice`. `*` matches
 * any key of a map, `[]` any item of a list.
 */
export const SECRET_FIELDS: ReadonlyArray<{ kinds: readonly string[]; paths: readonly Pattern[]; advice: string }> = KINDS.filter((k) => k.secrets.length).map((k) => ({
  kinds: [k.id],
  paths: k.secrets,
  advice: k.secretAdvice ?? 'keep the value out of the file',
}));

/** Concrete paths in value that match a pattern (`*` expands over map keys). */
function expand(value: unknown, pattern: Pattern): string[][] {
  let paths: string[][] = [[]];
  for (const seg of pattern) {
    const next: string[][] = [];
    for (const p of paths) {
      let v: unknown = value;
      for (const s of p) v = (v as Record<string, unknown>)[s];
      if (v === null || typeof v !== 'object') continue;
      if (Array.isArray(v) !== (seg === '[]')) continue;
      const keys = seg === '*' || seg === '[]' ? Object.keys(v) : seg in v ? [seg] : [];
      for (const k of keys) next.push([...p, k]);
    }
    paths = next;
  }
  return paths;
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
 * copy of the spec. The message names the field, never the value.
 */
const rule: Rule = {
  id: 'plaintext-secret',
  defaultSeverity: 'warning',
  description: 'A secret (account key, SAS token, client secret, password, API key) written as a literal value in the file.',
  kinds: [...new Set(SECRET_FIELDS.flatMap((f) => f.kinds))],
  check(ctx) {
    for (const group of SECRET_FIELDS) {
      if (!group.kinds.includes(ctx.kind)) continue;
      for (const pattern of group.paths) {
        for (const path of expand(ctx.value, pattern)) {
          let v: unknown = ctx.value;
          for (const s of path) v = (v as Record<string, unknown>)[s];
          if (!isLiteralSecret(v)) continue;
          const node = ctx.node(path);
          if (!node || !isScalar(node)) continue;
          const range = ctx.valueRange(path);
          if (!range) continue;
          ctx.report({
            message: `"${path.join('.')}" holds a secret in plain text (****). Keep secrets out of YAML files: ${group.advice}.`,
            start: range[0],
            end: range[1],
          });
        }
      }
    }
  },
};

export default rule;
