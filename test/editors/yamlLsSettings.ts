/**
 * yaml-language-server's settings as a user's editor gives them, by
 * configuration section: validation, hover and completion on, formatting,
 * the schema store and the Kubernetes CRD store off, `yaml.schemas` as
 * given, no proxy. The tests (`yamlLs.ts`) and the benchmark (bench/run.mjs)
 * configure it with these.
 */
export function yamlLsSettings(schemas: Record<string, string | string[]> = {}): Record<string, unknown> {
  return {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      format: { enable: false },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      schemas,
    },
    http: { proxy: '', proxyStrictSSL: false },
    editor: { tabSize: 2 },
  };
}
