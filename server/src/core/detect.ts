import { Glob } from './glob';
import { kindFromSchemaUrl, kindInfo } from './kinds';

export type DetectionSource = 'override' | 'schema' | 'content' | 'setting';

export interface Detection {
  kind: string;
  source: DetectionSource;
  /** Human-readable reason, shown in the status bar tooltip. */
  reason: string;
}

export interface DetectOptions {
  /** File path or URI, for glob settings. */
  path?: string;
  /** `aml-yaml.fileKinds`: glob -> kind id. */
  globKinds?: Record<string, string>;
  /** A kind the user picked for this file (wins over everything). */
  override?: string;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);
const has = (o: Obj, ...keys: string[]) => keys.some((key) => key in o);

/**
 * Decides which Azure ML kind a YAML document is, in this order: a kind the
 * user picked, the `$schema` URL, the content, then the glob setting.
 * Returns undefined for YAML that is not Azure ML.
 */
export function detectKind(value: unknown, options: DetectOptions = {}): Detection | undefined {
  if (options.override && kindInfo(options.override)) {
    return { kind: kindInfo(options.override)!.id, source: 'override', reason: 'chosen for this file' };
  }
  if (isObj(value) && typeof value.$schema === 'string') {
    const kind = kindFromSchemaUrl(value.$schema);
    if (kind) return { kind: kind.id, source: 'schema', reason: `$schema names ${kind.id}` };
  }
  if (isObj(value)) {
    const fromContent = detectFromContent(value);
    if (fromContent) return { kind: fromContent.kind, source: 'content', reason: fromContent.reason };
  }
  if (options.path && options.globKinds) {
    for (const [glob, kindId] of Object.entries(options.globKinds)) {
      const kind = kindInfo(kindId);
      if (!kind) continue;
      if (globMatches(glob, options.path)) return { kind: kind.id, source: 'setting', reason: `setting maps ${glob} to ${kind.id}` };
    }
  }
  return undefined;
}

const globCache = new Map<string, Glob>();

/**
 * Whether a `fileKinds` glob matches a file (path or file: URI): the glob is
 * matched against the path relative to any of its folders (`deploy/*.yml`
 * matches `.../deploy/a.yml`), case-insensitively, without regular
 * expressions (core/glob.ts: globs come from repository files).
 */
export function globMatches(glob: string, filePath: string): boolean {
  let g = globCache.get(glob);
  if (!g) {
    if (globCache.size > 1000) globCache.clear();
    g = new Glob(glob, { nocase: true });
    globCache.set(glob, g);
  }
  let p = filePath.replace(/^file:\/\//, '').replace(/\\/g, '/');
  try {
    p = decodeURIComponent(p);
  } catch {
    /* not percent-encoded */
  }
  return g.matchesWithin(p);
}

/** YAML that certainly belongs to another tool. */
function isForeign(o: Obj): boolean {
  if (has(o, 'apiVersion') && has(o, 'kind')) return true; // Kubernetes
  if (has(o, 'on') && has(o, 'jobs') && !has(o, 'type')) return true; // GitHub workflow
  if (has(o, 'channels') || (has(o, 'dependencies') && !has(o, 'type'))) return true; // conda
  if (has(o, 'services') && !has(o, 'type', 'command')) return true; // docker-compose
  if (has(o, 'runs') && has(o, 'name') && has(o, 'description')) return true; // GitHub action
  if (has(o, 'body') && has(o, 'name') && has(o, 'description')) return true; // issue form
  if (has(o, 'repos')) return true; // pre-commit
  return false;
}

const COMPUTE_TYPES: Record<string, string> = {
  amlcompute: 'amlCompute',
  computeinstance: 'computeInstance',
  virtualmachine: 'vmCompute',
  synapsespark: 'synapseSparkCompute',
};

const DATASTORE_TYPES: Record<string, string> = {
  azure_blob: 'azureBlob',
  azure_file: 'azureFile',
  azure_data_lake_gen1: 'azureDataLakeGen1',
  azure_data_lake_gen2: 'azureDataLakeGen2',
};

const ASSET_TYPES: Record<string, string> = {
  uri_file: 'data',
  uri_folder: 'data',
  mltable: 'data',
  custom_model: 'model',
  mlflow_model: 'model',
  triton_model: 'model',
};

const CONNECTION_TYPES = new Set([
  'git',
  'python_feed',
  'container_registry',
  'azure_open_ai',
  'azure_openai',
  'api_key',
  'custom',
  'azure_sql_db',
  'azure_synapse_analytics',
  'azure_my_sql_db',
  'azure_postgres_db',
  'snowflake',
  's3',
  'azure_ai_search',
  'cognitive_search',
  'azure_ai_services',
  'azure_content_safety',
  'serverless',
  'open_ai',
  'serp',
  'custom_keys',
  'azure_blob',
  'adls_gen_2',
  'one_lake',
]);

const BATCH_DEPLOYMENT_KEYS = ['mini_batch_size', 'output_action', 'output_file_name', 'retry_settings', 'max_concurrency_per_instance', 'error_threshold', 'logging_level', 'job_definition', 'component'];
const WORKSPACE_KEYS = [
  'managed_network',
  'image_build_compute',
  'primary_user_assigned_identity',
  'hbi_workspace',
  'customer_managed_key',
  'application_insights',
  'key_vault',
  'container_registry',
  'allow_public_access_when_behind_vnet',
  'network_acls',
  'enable_data_isolation',
  'system_datastores_auth_mode',
  'serverless_compute',
  'storage_account',
];

function detectFromContent(o: Obj): { kind: string; reason: string } | undefined {
  if (isForeign(o)) return undefined;
  const type = lower(o.type);
  const why = (key: string) => `content: ${key}`;
  const looksLikeJob = has(o, 'experiment_name', 'compute', 'resources', 'limits', 'services', 'identity', 'queue_settings', 'settings');
  const looksLikeComponent = has(o, 'version', 'is_deterministic') && !has(o, 'experiment_name', 'compute');

  if (has(o, 'endpoint_name')) {
    if (type === 'kubernetes') return { kind: 'kubernetesOnlineDeployment', reason: why('endpoint_name with type: kubernetes') };
    if (type === 'pipeline') return { kind: 'pipelineComponentBatchDeployment', reason: why('endpoint_name with type: pipeline') };
    if (type === 'model' || has(o, ...BATCH_DEPLOYMENT_KEYS) || (has(o, 'compute') && !has(o, 'instance_type'))) {
      return { kind: 'batchDeployment', reason: why('endpoint_name with batch settings') };
    }
    return { kind: 'managedOnlineDeployment', reason: why('endpoint_name') };
  }
  if (type) {
    if (COMPUTE_TYPES[type]) return { kind: COMPUTE_TYPES[type], reason: why(`type: ${type}`) };
    if (type === 'kubernetes') {
      if (has(o, 'auth_mode', 'traffic')) return { kind: 'kubernetesOnlineEndpoint', reason: why('type: kubernetes with auth_mode') };
      return { kind: 'kubernetesCompute', reason: why('type: kubernetes') };
    }
    if (DATASTORE_TYPES[type] && has(o, 'account_name', 'store_name', 'container_name', 'file_share_name', 'filesystem', 'credentials')) {
      return { kind: DATASTORE_TYPES[type], reason: why(`type: ${type}`) };
    }
    if (ASSET_TYPES[type] && has(o, 'path', 'name')) return { kind: ASSET_TYPES[type], reason: why(`type: ${type}`) };
    switch (type) {
      case 'command':
        return looksLikeComponent && !looksLikeJob
          ? { kind: 'commandComponent', reason: why('type: command with a version') }
          : { kind: 'commandJob', reason: why('type: command') };
      case 'sweep':
        return { kind: 'sweepJob', reason: why('type: sweep') };
      case 'pipeline':
        return looksLikeComponent && !looksLikeJob
          ? { kind: 'pipelineComponent', reason: why('type: pipeline with a version') }
          : { kind: 'pipelineJob', reason: why('type: pipeline') };
      case 'spark':
        return looksLikeComponent && !looksLikeJob
          ? { kind: 'sparkComponent', reason: why('type: spark with a version') }
          : { kind: 'sparkJob', reason: why('type: spark') };
      case 'parallel':
        return { kind: 'parallelComponent', reason: why('type: parallel') };
      case 'automl':
        return { kind: 'autoMLJob', reason: why('type: automl') };
      case 'finetuning':
        return { kind: 'finetuningJob', reason: why('type: finetuning') };
      case 'distillation':
        return { kind: 'distillationJob', reason: why('type: distillation') };
    }
    if (CONNECTION_TYPES.has(type) && has(o, 'target', 'credentials', 'api_key', 'endpoint', 'url')) {
      return { kind: 'connection', reason: why(`type: ${type} with a target`) };
    }
  }
  if (has(o, 'trigger') && has(o, 'create_job')) return { kind: 'schedule', reason: why('trigger and create_job') };
  if (has(o, 'replication_locations')) return { kind: 'registry', reason: why('replication_locations') };
  if (has(o, ...WORKSPACE_KEYS)) return { kind: 'workspace', reason: why(WORKSPACE_KEYS.find((key) => key in o)!) };
  if (has(o, 'auth_mode', 'traffic', 'mirror_traffic')) {
    return has(o, 'compute')
      ? { kind: 'kubernetesOnlineEndpoint', reason: why('auth_mode with compute') }
      : { kind: 'managedOnlineEndpoint', reason: why('auth_mode') };
  }
  if (has(o, 'model_id') && has(o, 'name')) return { kind: 'serverlessEndpoint', reason: why('model_id') };
  if (has(o, 'features') && has(o, 'index_columns') && has(o, 'source')) return { kind: 'featureSetSpec', reason: why('features, index_columns and source') };
  if (has(o, 'nodes') && has(o, 'inputs', 'outputs')) return { kind: 'promptflowFlow', reason: why('nodes with inputs/outputs') };
  if (has(o, 'command') && has(o, 'environment')) return { kind: 'commandJob', reason: why('command and environment') };
  if (has(o, 'image', 'build') && has(o, 'name', 'conda_file') && !has(o, 'command', 'jobs')) return { kind: 'environment', reason: why('image with name or conda_file') };
  const keys = Object.keys(o);
  if (keys.length > 0 && keys.every((key) => ['identity', 'name', 'location', 'tags', 'description', 'display_name'].includes(key)) && has(o, 'identity')) {
    return { kind: 'workspace', reason: why('identity update') };
  }
  return undefined;
}
