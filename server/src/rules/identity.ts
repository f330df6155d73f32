import { distance } from 'fastest-levenshtein';
import { isMap, isScalar, isSeq, keyText, nodeAtPath, type YamlNode, type YamlPath } from '../core/document';
import { CASING } from '../core/casing';
import { asMap, isExpression } from '../core/scalars';
import { identityShapeOf, type IdentityShape, kindInfo, kindsWithIdentity, kindsWithRootIdentity } from '../core/kinds';
import type { RuleContext } from './api';

/**
 * Shared reading of `identity` blocks for the seed-003 rules. Identity types
 * are compared the way the Azure ML CLI loads them (azure-ai-ml marshmallow
 * schemas): `StringTransformedEnum` with the `camel_to_snake` casing transform,
 * which splits a comma-separated value, trims and converts each part
 * (`SystemAssigned, UserAssigned` becomes `system_assigned,user_assigned`).
 */

/** Which identity schema of the CLI a block is loaded with. */
export type IdentityFamily = IdentityShape;

/**
 * The kind lists below come from the kind registry: the identity definitions
 * of the schemas carry `x-identity` (the CLI identity schema they mirror).
 */
/** Kinds whose identity takes a map of user-assigned identity ids (workspace IdentitySchema). */
export const WORKSPACE_IDENTITY_KINDS: readonly string[] = kindsWithRootIdentity('workspace');
/** Kinds loaded with the compute IdentitySchema (a list of `{resource_id}`). */
export const COMPUTE_IDENTITY_KINDS: readonly string[] = kindsWithRootIdentity('compute');
/** Kinds loaded with the endpoint IdentitySchema (online and batch endpoints). */
export const ENDPOINT_IDENTITY_KINDS: readonly string[] = kindsWithRootIdentity('endpoint');
export const ONLINE_ENDPOINT_KINDS: readonly string[] = ENDPOINT_IDENTITY_KINDS.filter(
  (k) => kindInfo(k)?.loader === 'load_online_endpoint',
);
/** Kinds with a job identity (`identity` of a job, of its pipeline steps, or of the job a schedule creates). */
export const JOB_IDENTITY_KINDS: readonly string[] = kindsWithIdentity('job');
/** The kinds whose `user_assigned_identities` the UAI rules check. */
export const UAI_KINDS = [...WORKSPACE_IDENTITY_KINDS, ...COMPUTE_IDENTITY_KINDS, ...ONLINE_ENDPOINT_KINDS] as const;

/**
 * Identity types each CLI schema accepts, after its casing transform:
 * - workspace: ManagedServiceIdentityType (SystemAssigned, UserAssigned,
 *   "SystemAssigned,UserAssigned", None);
 * - compute: ResourceIdentityType (the combined value is "SystemAssigned, UserAssigned");
 * - endpoints: ResourceIdentityType without the combined value ("for post PuPr");
 * - jobs: IdentityConfigurationType Managed, AMLToken, UserIdentity, plus
 *   ConnectionAuthType ManagedIdentity.
 */
export const ACCEPTED_TYPES: Record<IdentityFamily, readonly string[]> = {
  workspace: ['system_assigned', 'user_assigned', 'system_assigned,user_assigned', 'none'],
  compute: ['system_assigned', 'user_assigned', 'system_assigned,user_assigned', 'none'],
  endpoint: ['system_assigned', 'user_assigned', 'none'],
  job: ['user_identity', 'managed', 'managed_identity', 'aml_token'],
};

export const BOTH = 'system_assigned,user_assigned';
export const UAI_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';

export function familyOf(kind: string): IdentityFamily | undefined {
  return identityShapeOf(kind);
}

/** The CLI's reading of an identity type: its `camel_to_snake`; undefined for an empty value. */
export function cliIdentityType(raw: string): string | undefined {
  if (!raw) return undefined;
  return CASING.camelToSnake(raw);
}

export interface IdentityBlock {
  /** YAML path of the `identity` mapping. */
  path: YamlPath;
  family: IdentityFamily;
  value: Record<string, unknown>;
}

/**
 * Every identity block of a document: the root `identity`, and for pipeline
 * jobs (and schedules that create one) the `identity` of each step.
 */
export function identityBlocks(ctx: RuleContext): IdentityBlock[] {
  const out: IdentityBlock[] = [];
  const family = familyOf(ctx.kind);
  if (!family) return out;
  const add = (path: YamlPath, fam: IdentityFamily, owner: Record<string, unknown> | undefined) => {
    const v = asMap(owner?.identity);
    if (v) out.push({ path: [...path, 'identity'], family: fam, value: v });
  };
  const addSteps = (path: YamlPath, owner: Record<string, unknown> | undefined) => {
    const jobs = asMap(owner?.jobs);
    if (!jobs) return;
    for (const [name, step] of Object.entries(jobs)) add([...path, 'jobs', name], 'job', asMap(step));
  };
  if (ctx.kind === 'schedule') {
    const job = asMap(ctx.value.create_job);
    add(['create_job'], 'job', job);
    addSteps(['create_job'], job);
    return out;
  }
  add([], family, ctx.value);
  if (ctx.kind === 'pipelineJob') addSteps([], ctx.value);
  return out;
}

export interface IdentityTypeValue {
  /** The value as written. */
  raw: string;
  /** After the CLI's casing transform. */
  cli: string;
  path: YamlPath;
}

/** The block's `type` when it is a non-empty literal string (expressions and other values are not judged). */
export function identityType(block: IdentityBlock): IdentityTypeValue | undefined {
  const raw = block.value.type;
  if (typeof raw !== 'string' || isExpression(raw)) return undefined;
  const cli = cliIdentityType(raw);
  if (cli === undefined) return undefined;
  return { raw, cli, path: [...block.path, 'type'] };
}

export function isAccepted(family: IdentityFamily, cli: string): boolean {
  return ACCEPTED_TYPES[family].includes(cli);
}

export function includesUserAssigned(cli: string): boolean {
  return cli === 'user_assigned' || cli === BOTH;
}

/** The identity block at the document root for the UAI rules (workspace, compute, online endpoint), with its accepted type. */
export function rootIdentity(ctx: RuleContext): { block: IdentityBlock; type?: IdentityTypeValue } | undefined {
  const family = familyOf(ctx.kind);
  const v = asMap(ctx.value.identity);
  if (!family || family === 'job' || !v) return undefined;
  const block: IdentityBlock = { path: ['identity'], family, value: v };
  const type = identityType(block);
  return { block, type: type && isAccepted(family, type.cli) ? type : undefined };
}

/** Whether user_assigned_identities is missing, null or an empty list or map. */
export function isEmptyUai(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  const m = asMap(value);
  return !!m && Object.keys(m).length === 0;
}

/** The user-assigned identities shape the CLI expects for a family. */
export function expectsMap(family: IdentityFamily): boolean {
  return family === 'workspace';
}

export interface ListedIdentity {
  /** The resource id as written. */
  id: string;
  /** The scalar's source text (quotes kept). */
  source: string;
}

/** The source text of a scalar node, quotes and all. */
export function scalarSource(text: string, node: YamlNode | null | undefined): string | undefined {
  if (!node || !isScalar(node) || !node.range) return undefined;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
  const src = text.slice(node.range[0], node.range[1]);
  return src.includes('\n') ? undefined : src;
}

/**
 * The resource ids listed under a user_assigned_identities node, in order:
 * map keys, list items' resource_id, or plain string list items.
 */
export function listedIdentities(ctx: RuleContext, uaiPath: YamlPath): ListedIdentity[] {
  const out: ListedIdentity[] = [];
  const node = nodeAtPath(ctx.section.doc.contents, uaiPath);
  const text = ctx.file.text;
  const quote = (s: string) => (/^[\w./<>()-]+$/.test(s) ? s : JSON.stringify(s));
  if (isMap(node)) {
    for (const pair of node.items) {
      const id = keyText(pair.key);
      if (id === undefined || id === '') continue;
      out.push({ id, source: scalarSource(text, pair.key as YamlNode) ?? quote(id) });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isMap(item)) {
        const pair = item.items.find((p) => keyText(p.key) === 'resource_id');
        const v = pair?.value as YamlNode | null | undefined;
        if (isScalar(v) && typeof v.value === 'string' && v.value)
          out.push({ id: v.value, source: scalarSource(text, v) ?? quote(v.value) });
      } else if (isScalar(item) && typeof item.value === 'string' && item.value) {
        out.push({ id: item.value, source: scalarSource(text, item as YamlNode) ?? quote(item.value) });
      }
    }
  }
  return out;
}

/** Semantic hints for a misspelled identity type, before falling back to edit distance. */
function hinted(family: IdentityFamily, t: string): string | undefined {
  const has = (s: string) => t.includes(s);
  if (family === 'job') {
    if (has('user') && (has('ident') || has('id'))) return 'user_identity';
    if (has('token') || has('aml')) return 'aml_token';
    if (has('manag') || has('assign') || has('msi') || has('system')) return 'managed';
    return undefined;
  }
  if (has('sys') && has('user')) return family === 'endpoint' ? undefined : BOTH;
  if (has('user') || has('manag') || has('msi')) return 'user_assigned';
  if (has('sys')) return 'system_assigned';
  if (has('none') || has('no')) return 'none';
  return undefined;
}

/** The accepted identity type nearest to a value the CLI rejects, for a family. */
export function nearestType(family: IdentityFamily, raw: string): string {
  const accepted = ACCEPTED_TYPES[family];
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z,]/g, '');
  const t = norm(raw);
  const hint = hinted(family, t);
  if (hint) return hint;
  let best = accepted[0];
  let bestD = Infinity;
  for (const a of accepted) {
    const d = distance(t, norm(a));
    if (d < bestD) {
      best = a;
      bestD = d;
    }
  }
  return best;
}

/** How a family's owner is named in messages. */
export function ownerName(kind: string, family: IdentityFamily): string {
  if (kind === 'featureStore') return 'a feature store';
  if (family === 'workspace') return 'a workspace';
  if (family === 'job') return 'a job';
  if (family === 'endpoint') return kind === 'batchEndpoint' ? 'a batch endpoint' : 'an online endpoint';
  if (kind === 'amlCompute') return 'a compute cluster';
  if (kind === 'computeInstance') return 'a compute instance';
  return 'a compute';
}

/** `a, b, c or d` */
export function orList(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** A YAML path as people read it: `identity.user_assigned_identities[0].resource_id`. */
export function pathLabel(path: YamlPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : String(seg);
  }
  return out;
}
