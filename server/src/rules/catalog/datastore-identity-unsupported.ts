import { ARTICLES, type Rule, type RuleTarget } from '../api';

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
    const at: RuleTarget =
      'credentials' in ctx.value
        ? { key: ['credentials'] }
        : typeof ctx.value.type === 'string'
          ? { value: ['type'] }
          : typeof ctx.value.$schema === 'string'
            ? { value: ['$schema'] }
            : { key: [Object.keys(ctx.value)[0] ?? ''] };
    ctx.report({
      message:
        'An Azure Files datastore needs stored credentials (credentials.account_key or credentials.sas_token): identity-based data access supports only Azure Blob Storage and Azure Data Lake Storage Gen1 and Gen2.',
      at,
    });
  },
};

export default rule;
