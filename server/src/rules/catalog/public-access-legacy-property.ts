import { ARTICLES, type Rule } from '../api';
import { isExpression } from '../../core/scalars';

const LEGACY = 'allow_public_access_when_behind_vnet';
const CURRENT = 'public_network_access';

/** The strings the CLI's boolean field (marshmallow Boolean) reads as true or false, lower-cased. */
const TRUTHY = new Set(['true', 't', 'on', 'y', 'yes', '1']);
const FALSY = new Set(['false', 'f', 'off', 'n', 'no', '0']);

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  return TRUTHY.has(t) ? true : FALSY.has(t) ? false : undefined;
}

/**
 * allow_public_access_when_behind_vnet is the SDK v1 property; the CLI and
 * SDK v2 use public_network_access, and whichever is set last overrides the
 * other. true allows public access (Enabled), false denies it (Disabled).
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'Use public_network_access instead of the legacy allow_public_access_when_behind_vnet property.',
  article: ARTICLES.privateLink,
  quotes: ['Microsoft recommends using public_network_access to enable or disable public access to a workspace.'],
  hoverFields: [[LEGACY], [CURRENT]],
  kinds: ['workspace'],
  check(ctx) {
    if (!(LEGACY in ctx.value)) return;
    const legacy = ctx.value[LEGACY];
    if (isExpression(legacy)) return;
    const remove = ctx.edits.removeKey([LEGACY]);
    const removeFix = remove ? [{ title: `Remove "${LEGACY}"`, edits: [remove], isPreferred: true }] : [];
    if (CURRENT in ctx.value) {
      ctx.report({
        message: `"${LEGACY}" is the legacy SDK v1 property and "${CURRENT}" overrides it: remove the legacy key and keep "${CURRENT}".`,
        at: { key: [LEGACY] },
        fixes: removeFix,
      });
      return;
    }
    const allow = asBoolean(legacy);
    if (allow === undefined) {
      ctx.report({
        message: `"${LEGACY}" is the legacy SDK v1 property: remove it and set "${CURRENT}: Enabled" or "${CURRENT}: Disabled" instead.`,
        at: { key: [LEGACY] },
        fixes: removeFix,
      });
      return;
    }
    const target = allow ? 'Enabled' : 'Disabled';
    const rename = ctx.edits.renameKey([LEGACY], CURRENT);
    const set = ctx.edits.setValue([LEGACY], target);
    ctx.report({
      message: `"${LEGACY}: ${String(legacy)}" is the legacy SDK v1 property: use "${CURRENT}: ${target}" instead.`,
      at: { key: [LEGACY] },
      fixes: rename && set ? [{ title: `Replace with "${CURRENT}: ${target}"`, edits: [rename, set], isPreferred: true }] : [],
    });
  },
};

export default rule;
