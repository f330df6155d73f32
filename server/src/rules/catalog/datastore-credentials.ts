import { ARTICLES, DATASTORE_KINDS, type Rule } from '../api';

/** What a credentials block stores, from its keys, for the message. */
function whatIsStored(credentials: Record<string, unknown>): string {
  if ('account_key' in credentials) return 'a storage account key';
  if ('sas_token' in credentials) return 'a SAS token';
  if ('client_secret' in credentials || 'certificate' in credentials || 'client_id' in credentials || 'tenant_id' in credentials)
    return 'service principal credentials';
  return 'credentials';
}

/**
 * A datastore with a `credentials` block caches them in the workspace key
 * vault, where other workspace users can read them; identity-based access
 * keeps no secret (Azure Files excepted: it needs stored credentials).
 */
const rule: Rule = {
  defaultSeverity: 'info',
  description:
    'A datastore that stores credentials (account key, SAS token, service principal) instead of using identity-based data access.',
  article: ARTICLES.identity,
  quotes: ['other workspace users with sufficient permissions can retrieve those credentials, which may be a security concern'],
  hoverFields: [['credentials']],
  kinds: DATASTORE_KINDS,
  check(ctx) {
    const credentials = ctx.value.credentials;
    if (credentials === null || typeof credentials !== 'object' || Array.isArray(credentials)) return;
    if (Object.keys(credentials).length === 0) return; // `credentials: {}` is identity-based access.
    const what = whatIsStored(credentials as Record<string, unknown>);
    if (ctx.kind === 'azureFile') {
      ctx.report({
        message: `This datastore stores ${what} in the workspace key vault, where other workspace users with sufficient permissions can retrieve them. Azure Files datastores cannot use identity-based access, so limit who can read the workspace key vault.`,
        at: { key: ['credentials'] },
      });
      return;
    }
    const remove = ctx.edits.removeKey(['credentials']);
    ctx.report({
      message: `This datastore stores ${what} in the workspace key vault, where other workspace users with sufficient permissions can retrieve them. Remove "credentials" to use identity-based data access.`,
      at: { key: ['credentials'] },
      fixes: remove ? [{ title: 'Remove "credentials" (use identity-based access)', edits: [remove] }] : [],
    });
  },
};

export default rule;
