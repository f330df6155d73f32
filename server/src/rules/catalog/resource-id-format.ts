import { valueAtPath, type YamlPath } from '../../core/document';
import type { Rule } from '../api';
import { pathLabel } from '../identity';
import { isExpression } from '../../core/scalars';
import { findPlaceholders, resourceIdFields, resourceIdProblem } from '../resourceId';

/**
 * Fields that take an Azure Resource Manager id (marked `x-resourceType` in
 * the schemas, and the keys of a workspace's user_assigned_identities) must
 * hold `/subscriptions/<id>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>`
 * of the resource type the field expects.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'ARM resource-id fields must hold a full resource id of the resource type the field expects.',
  kinds: ['*'],
  check(ctx) {
    for (const field of resourceIdFields(ctx.schemas, ctx.kind, ctx.value)) {
      const value = field.onKey ? String(field.path[field.path.length - 1]) : getString(ctx.value, field.path);
      if (value === undefined || !value.trim() || isExpression(value)) continue;
      // A documentation placeholder is unreplaced-placeholder's finding, not a malformed id.
      if (findPlaceholders(value).length) continue;
      const problem = resourceIdProblem(value, field.expected);
      if (!problem) continue;
      const label = field.onKey ? `a key of ${pathLabel(field.path.slice(0, -1))}` : `"${pathLabel(field.path)}"`;
      const example = `/subscriptions/<subscription-id>/resourceGroups/<group>/providers/${field.expected
        .split('/')
        .map((t, i) => (i === 0 ? t : `${t}/<name>`))
        .join('/')}`;
      let message: string;
      if (problem.kind === 'format') message = `${cap(label)} must be a full resource id like ${example}, not "${clip(value)}".`;
      else if (problem.kind === 'subscription')
        message = `The subscription "${clip(problem.subscription)}" in ${label} is not a subscription id (a GUID).`;
      else message = `${cap(label)} holds a ${problem.actual} id, but it needs a ${field.expected} id.`;
      ctx.report({ message, at: field.onKey ? { key: field.path } : { value: field.path } });
    }
  },
};

function getString(value: unknown, path: YamlPath): string | undefined {
  const v = valueAtPath(value, path);
  return typeof v === 'string' ? v : undefined;
}

const cap = (s: string) => s.replace(/^[a-z]/, (c) => c.toUpperCase());
const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

export default rule;
