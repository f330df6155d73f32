/**
 * Every Azure ML kind the service knows: its id (the schema file name without
 * `.schema.json`), the names its `$schema` URLs use, and a short title.
 */

export type KindFamily =
  | 'workspace'
  | 'compute'
  | 'job'
  | 'component'
  | 'asset'
  | 'endpoint'
  | 'deployment'
  | 'datastore'
  | 'other';

export interface KindInfo {
  id: string;
  title: string;
  family: KindFamily;
  /** Lower-cased `$schema` file names (without .schema.json/.json) that mean this kind. */
  schemaNames: string[];
  /** Kind ids used for the same thing elsewhere (the corpus manifest, older docs). */
  aliases?: string[];
  /** Only a `$schema` under this URL path segment means this kind (prompt flow's own schemas). */
  schemaPathHint?: string;
}

const k = (id: string, title: string, family: KindFamily, extra: Partial<KindInfo> = {}): KindInfo => ({
  id,
  title,
  family,
  schemaNames: [id.toLowerCase(), ...(extra.schemaNames ?? [])],
  ...(extra.aliases ? { aliases: extra.aliases } : {}),
  ...(extra.schemaPathHint ? { schemaPathHint: extra.schemaPathHint } : {}),
});

export const KINDS: readonly KindInfo[] = [
  k('workspace', 'Workspace', 'workspace'),
  k('registry', 'Registry', 'workspace'),
  k('connection', 'Workspace connection', 'workspace'),
  k('featureStore', 'Feature store', 'workspace'),
  k('featureSet', 'Feature set', 'asset'),
  k('featureSetSpec', 'Feature set specification', 'asset'),
  k('featureStoreEntity', 'Feature store entity', 'asset'),
  k('amlCompute', 'Compute cluster', 'compute'),
  k('computeInstance', 'Compute instance', 'compute'),
  k('kubernetesCompute', 'Kubernetes compute', 'compute'),
  k('vmCompute', 'Attached virtual machine', 'compute', { schemaNames: ['virtualmachinecompute'], aliases: ['virtualMachineCompute'] }),
  k('synapseSparkCompute', 'Attached Synapse Spark pool', 'compute'),
  k('commandJob', 'Command job', 'job'),
  k('sweepJob', 'Sweep job', 'job'),
  k('pipelineJob', 'Pipeline job', 'job'),
  k('sparkJob', 'Spark job', 'job'),
  k('autoMLJob', 'AutoML job', 'job'),
  k('finetuningJob', 'Fine-tuning job', 'job'),
  k('distillationJob', 'Distillation job', 'job'),
  k('commandComponent', 'Command component', 'component'),
  k('pipelineComponent', 'Pipeline component', 'component'),
  k('sparkComponent', 'Spark component', 'component'),
  k('parallelComponent', 'Parallel component', 'component'),
  k('environment', 'Environment', 'asset'),
  k('data', 'Data asset', 'asset'),
  k('model', 'Model', 'asset'),
  k('dataImport', 'Data import', 'asset'),
  k('dataIndex', 'Data index', 'asset'),
  k('modelPackage', 'Model package', 'asset', { schemaNames: ['modelversionpackage'] }),
  k('managedOnlineEndpoint', 'Managed online endpoint', 'endpoint'),
  k('kubernetesOnlineEndpoint', 'Kubernetes online endpoint', 'endpoint'),
  k('batchEndpoint', 'Batch endpoint', 'endpoint'),
  k('serverlessEndpoint', 'Serverless endpoint', 'endpoint'),
  k('managedOnlineDeployment', 'Managed online deployment', 'deployment'),
  k('kubernetesOnlineDeployment', 'Kubernetes online deployment', 'deployment'),
  k('batchDeployment', 'Batch deployment', 'deployment'),
  k('modelBatchDeployment', 'Model batch deployment', 'deployment'),
  k('pipelineComponentBatchDeployment', 'Pipeline component batch deployment', 'deployment'),
  k('azureBlob', 'Azure Blob datastore', 'datastore'),
  k('azureFile', 'Azure Files datastore', 'datastore'),
  k('azureDataLakeGen1', 'Azure Data Lake Gen1 datastore', 'datastore'),
  k('azureDataLakeGen2', 'Azure Data Lake Gen2 datastore', 'datastore'),
  k('schedule', 'Schedule', 'other'),
  k('promptflowFlow', 'Prompt flow', 'other', { schemaNames: ['flow'], schemaPathHint: 'promptflow' }),
  k('promptflowRun', 'Prompt flow run', 'other', { schemaNames: ['run'], schemaPathHint: 'promptflow' }),
  k('promptflowConnection', 'Prompt flow connection', 'other', {
    schemaNames: [
      'azureopenaiconnection',
      'openaiconnection',
      'customconnection',
      'serpconnection',
      'cognitivesearchconnection',
      'azurecontentsafetyconnection',
      'formrecognizerconnection',
      'qdrantconnection',
      'weaviateconnection',
      'serverlessconnection',
    ],
    schemaPathHint: 'promptflow',
  }),
];

const byId = new Map(KINDS.map((kind) => [kind.id, kind]));
const byLowerId = new Map<string, KindInfo>();
for (const kind of KINDS) {
  byLowerId.set(kind.id.toLowerCase(), kind);
  for (const a of kind.aliases ?? []) byLowerId.set(a.toLowerCase(), kind);
}

export function kindInfo(id: string): KindInfo | undefined {
  return byId.get(id) ?? byLowerId.get(id.toLowerCase());
}

export function schemaFileOf(kindId: string): string {
  return `${kindId}.schema.json`;
}

/** The kind a `$schema` URL names, from its last path segment; undefined when it names none. */
export function kindFromSchemaUrl(url: string): KindInfo | undefined {
  const clean = url.trim().replace(/[?#].*$/, '');
  const segments = clean.split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  const name = last.toLowerCase().replace(/\.schema\.json$|\.json$/, '');
  const inPromptflow = segments.some((s) => s.toLowerCase() === 'promptflow');
  for (const kind of KINDS) {
    if (!kind.schemaNames.includes(name)) continue;
    if (kind.schemaPathHint && !inPromptflow) continue;
    return kind;
  }
  return undefined;
}

/** The canonical `$schema` URL offered for a kind. */
export function schemaUrlOf(kindId: string): string {
  if (kindId === 'modelPackage') return 'https://azuremlschemas.azureedge.net/latest/modelVersionPackage.schema.json';
  if (kindId === 'promptflowFlow') return 'https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json';
  if (kindId === 'promptflowRun') return 'https://azuremlschemas.azureedge.net/promptflow/latest/Run.schema.json';
  if (kindId === 'promptflowConnection') return 'https://azuremlschemas.azureedge.net/promptflow/latest/AzureOpenAIConnection.schema.json';
  return `https://azuremlschemas.azureedge.net/latest/${kindId}.schema.json`;
}
