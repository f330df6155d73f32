/**
 * Defence in depth for "the CLI never prints a secret": the values of
 * secret-bearing fields of every checked file are collected, and every text
 * the CLI prints about a file passes through `redact`. Diagnostics already
 * avoid repeating secrets; this catches a message that quotes one by mistake
 * (a parser error, a future rule).
 */

/** Keys whose string values are secrets wherever they appear (every other string under `credentials` is too). */
const SECRET_KEYS = new Set([
  'account_key',
  'sas_token',
  'client_secret',
  'admin_password',
  'password',
  'api_key',
  'secret',
  'secret_access_key',
  'access_key_id',
  'primary_key',
  'secondary_key',
  'connection_string',
]);

/** Keys under `credentials` that are identifiers, not secrets. */
const NOT_SECRET_UNDER_CREDENTIALS = new Set(['type', 'client_id', 'tenant_id', 'authority_url', 'resource_url', 'username', 'user_name']);

const MIN_LENGTH = 4;

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Collects the secret values of one parsed document. */
  collect(value: unknown): void {
    this.walk(value, false, 0);
  }

  get size(): number {
    return this.secrets.size;
  }

  redact(text: string): string {
    if (!this.secrets.size) return text;
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('***');
    return out;
  }

  private walk(value: unknown, underCredentials: boolean, depth: number): void {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) this.walk(v, underCredentials, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const key = k.toLowerCase();
      if (typeof v === 'string' || typeof v === 'number') {
        const secret = SECRET_KEYS.has(key) || (underCredentials && !NOT_SECRET_UNDER_CREDENTIALS.has(key));
        if (secret) this.add(String(v));
      } else {
        this.walk(v, underCredentials || key === 'credentials', depth + 1);
      }
    }
  }

  private add(s: string): void {
    const v = s.trim();
    if (v.length < MIN_LENGTH || /^\$\{\{.*\}\}$/.test(v)) return;
    this.secrets.add(v);
  }
}
