import { valueAtPath, type YamlPath } from '../../core/document';
import { parseDatastoreUri } from '../../workspace/refs';
import { ARTICLES, DATASTORE_KINDS, type Rule } from '../api';
import { rangeInValue, resolveNamed, where } from '../crossFile';
import { cliIdentityType } from '../identity';
import { asMap } from '../../core/scalars';

const PARENT_INPUT = /^\s*\$\{\{\s*parent\.inputs\.([A-Za-z0-9_]+)\s*\}\}\s*$/;

/**
 * A job that runs with the user's identity reads a datastore whose spec
 * stores credentials: the stored credentials are used, not the user's
 * identity. Cross-file: resolves `azureml://datastores/<name>/...` inputs to
 * the datastore specs of the job's workspace, or to the repository's only
 * datastore spec of that name: the rule needs the datastore, not the
 * workspace, so it does not wait for one.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'A job with identity type user_identity reads from a datastore whose spec has credentials (cross-file).',
  article: ARTICLES.identity,
  quotes: ['If a datastore has cached credentials, such as storage account key, those credentials are used instead of user identity.'],
  kinds: ['commandJob', 'sweepJob', 'pipelineJob'],
  crossFile: true,
  check(ctx) {
    if (!ctx.workspace) return;
    const seen = new Set<string>();
    const checkInputs = (inputsPath: YamlPath, scope: string) => {
      const inputs = asMap(valueAtPath(ctx.value, inputsPath));
      if (!inputs) return;
      for (const [name, input] of Object.entries(inputs)) {
        let path: YamlPath = typeof input === 'string' ? [...inputsPath, name] : [...inputsPath, name, 'path'];
        let uri = typeof input === 'string' ? input : asMap(input)?.path;
        // A step input bound to a pipeline input: follow it to the pipeline's inputs.
        const bound = typeof uri === 'string' ? PARENT_INPUT.exec(uri) : null;
        if (bound && inputsPath.length > 1) {
          const parent = asMap(ctx.value.inputs)?.[bound[1]];
          path = typeof parent === 'string' ? ['inputs', bound[1]] : ['inputs', bound[1], 'path'];
          uri = typeof parent === 'string' ? parent : asMap(parent)?.path;
        }
        if (typeof uri !== 'string') continue;
        const ds = parseDatastoreUri(uri.trim());
        if (!ds) continue;
        const stores = resolveNamed(ctx, DATASTORE_KINDS, ds.name).filter((s) => hasCredentials(s.value.credentials));
        if (!stores.length) continue;
        const range = rangeInValue(ctx, path, ds.name);
        if (!range || seen.has(`${range[0]}:${scope}`)) continue;
        seen.add(`${range[0]}:${scope}`);
        ctx.report({
          message: `${scope} runs with identity type user_identity, but datastore "${ds.name}" (${where(stores[0], ctx.uri)}) has credentials: the stored credentials are used for this input instead of the user's identity.`,
          start: range[0],
          end: range[1],
        });
      }
    };
    if (ctx.kind === 'pipelineJob') {
      const jobs = asMap(ctx.value.jobs);
      for (const [step, job] of Object.entries(jobs ?? {})) {
        if (isUserIdentity(asMap(job)?.identity)) checkInputs(['jobs', step, 'inputs'], `Step "${step}"`);
      }
    } else if (isUserIdentity(ctx.value.identity)) checkInputs(['inputs'], 'This job');
  },
};

function isUserIdentity(identity: unknown): boolean {
  const type = asMap(identity)?.type;
  return typeof type === 'string' && cliIdentityType(type.trim()) === 'user_identity';
}

function hasCredentials(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v as object).length > 0;
}

export default rule;
