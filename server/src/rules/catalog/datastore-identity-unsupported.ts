import { ARTICLES, type Rule } from '../api';

/**
 * Identity-based data access covers Blob Storage and Data Lake Gen1/Gen2
 * only: an Azure Files datastore without credentials cannot be reached.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'An Azure Files datastore without credentials: identity-based data access does not support Azure Files.',
  article: ARTICLES.identity,
  quotes: ['Identity-based data access supports connections to only the following storage services.'],
  hoverFields: [['credentials'], ['type']],
  kinds: ['azureFile'],
  check(ctx) {
    const credentials = ctx.value.credentials;
    const empty =
      credentials === undefined ||
      credentials === null ||
      (typeof credentials === 'object' && !Array.isArray(credentials) && Object.keys(credentials).length === 0);
    if (!empty) return;
    // Point at `credentials:` when written, else at the datastore type, else at `$schema`.
    const range =
      ('credentials' in ctx.value ? ctx.keyRange(['credentials']) : undefined) ??
      (typeof ctx.value.type === 'string' ? ctx.valueRange(['type']) : undefined) ??
      (typeof ctx.value.$schema === 'string' ? ctx.valueRange(['$schema']) : undefined) ??
      ctx.keyRange([Object.keys(ctx.value)[0] ?? '']);
    if (!range) return;
    ctx.report({
      message:
        'An Azure Files datastore needs stored credentials (credentials.account_key or credentials.sas_token): identity-based data access supports only Azure Blob Storage and Azure Data Lake Storage Gen1 and Gen2.',
      start: range[0],
      end: range[1],
    });
  },
};

export default rule;
