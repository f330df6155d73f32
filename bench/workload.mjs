// Deterministic Azure ML YAML workload for the benchmark: small workspace,
// compute and job specs, and one pipeline job of about 5,000 lines.
import fs from 'node:fs';
import path from 'node:path';
import { load } from './bundle.mjs';

const SCHEMA = (kind) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
const SUB = '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-bench/providers';
const REGIONS = ['eastus', 'westeurope', 'eastus2', 'northeurope', 'westus3'];

/** The tests' seeded PRNG (test/prng.ts), so that every run writes the same files. */
export const { prng } = await load('prng.cjs', 'test/prng.ts');

function workspace(i, rnd) {
  const lines = [
    SCHEMA('workspace'),
    `name: mlw-bench-${i}`,
    `location: ${REGIONS[i % REGIONS.length]}`,
    `display_name: Benchmark workspace ${i}`,
    `description: Workspace number ${i} of the aml-yaml benchmark.`,
    `hbi_workspace: false`,
  ];
  if (i % 3 === 0) lines.push('public_network_access: Disabled', `image_build_compute: cpu-cluster-${i}`);
  if (i % 4 === 1) {
    lines.push(
      'identity:',
      '  type: user_assigned',
      '  user_assigned_identities:',
      `    '${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/uai-${i}': {}`,
    );
    lines.push(`primary_user_assigned_identity: ${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/uai-${i}`);
  }
  if (i % 5 === 2) lines.push('managed_network:', '  isolation_mode: allow_only_approved_outbound');
  if (rnd() < 0.2) lines.push('public_network_acess: Enabled'); // a typo: an unknown-key diagnostic
  lines.push('tags:', `  purpose: benchmark`, `  index: "${i}"`);
  return lines.join('\n') + '\n';
}

function compute(i, rnd) {
  const lines = [
    SCHEMA('amlCompute'),
    `name: cpu-cluster-${i}`,
    'type: amlcompute',
    `description: Compute cluster ${i} of the aml-yaml benchmark.`,
    `size: ${rnd() < 0.5 ? 'STANDARD_DS3_v2' : 'Standard_NC6s_v3'}`,
    `location: ${REGIONS[i % REGIONS.length]}`,
    'min_instances: 0',
    `max_instances: ${1 + (i % 8)}`,
    'idle_time_before_scale_down: 120',
  ];
  if (i % 3 === 0) lines.push('tier: low_priority');
  if (i % 4 === 0) lines.push('identity:', '  type: system_assigned');
  if (rnd() < 0.15) lines.push('max_instance: 4'); // a typo
  return lines.join('\n') + '\n';
}

function commandJob(i, rnd) {
  const lines = [
    SCHEMA('commandJob'),
    `command: python train.py --data \${{inputs.training_data}} --lr \${{inputs.learning_rate}} --out \${{outputs.model}}`,
    'code: ./src',
    'environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest',
    `compute: azureml:cpu-cluster-${i % 50}`,
    `display_name: train-${i}`,
    `experiment_name: bench-experiment-${i % 7}`,
    `description: Training job ${i} of the benchmark.`,
    'inputs:',
    '  training_data:',
    '    type: uri_folder',
    `    path: azureml://datastores/workspaceblobstore/paths/data/${i}/`,
    `  learning_rate: ${(0.001 * (1 + (i % 10))).toFixed(3)}`,
    'outputs:',
    '  model:',
    '    type: mlflow_model',
  ];
  if (i % 2 === 0) lines.push('resources:', '  instance_count: 2');
  if (rnd() < 0.15) lines.push('enviroment_variables:', '  A: b'); // a typo
  return lines.join('\n') + '\n';
}

/** One step of the big pipeline: 25 lines. */
function step(j) {
  return [
    `  step_${j}:`,
    '    type: command',
    `    display_name: Step ${j} of the benchmark pipeline`,
    '    code: ./src',
    `    command: >-`,
    `      python step.py --input \${{inputs.data}} --rate \${{inputs.rate}}`,
    `      --output \${{outputs.result}}`,
    '    environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest',
    `    compute: azureml:cpu-cluster-${j % 50}`,
    '    inputs:',
    j === 0 ? '      data: ${{parent.inputs.pipeline_input}}' : `      data: \${{parent.jobs.step_${j - 1}.outputs.result}}`,
    `      rate: ${(0.01 * (1 + (j % 9))).toFixed(2)}`,
    '    outputs:',
    '      result:',
    '        type: uri_folder',
    '        mode: rw_mount',
    '    resources:',
    '      instance_count: 1',
    '    environment_variables:',
    `      STEP_INDEX: "${j}"`,
    '      LOG_LEVEL: info',
    '    tags:',
    `      step: "${j}"`,
    '      owner: bench',
    '    limits:',
    '      timeout: 3600',
  ].join('\n');
}

/** A pipeline job of about `lines` lines. */
export function bigPipeline(lines = 5000) {
  const head = [
    SCHEMA('pipelineJob'),
    'type: pipeline',
    'display_name: benchmark-pipeline',
    'experiment_name: bench',
    'description: A pipeline job of about 5,000 lines for the aml-yaml benchmark.',
    'settings:',
    '  default_compute: azureml:cpu-cluster-0',
    '  continue_on_step_failure: false',
    'inputs:',
    '  pipeline_input:',
    '    type: uri_folder',
    '    path: azureml://datastores/workspaceblobstore/paths/input/',
    'outputs:',
    '  final:',
    '    type: uri_folder',
    'jobs:',
  ];
  const steps = [];
  const per = step(0).split('\n').length;
  const count = Math.max(1, Math.round((lines - head.length) / per));
  for (let j = 0; j < count; j++) steps.push(step(j));
  return head.join('\n') + '\n' + steps.join('\n') + '\n';
}

/** Per folder of ten specs, as in a repository: one workspace, three compute clusters, six jobs. */
const MAKERS = [workspace, compute, compute, compute, commandJob, commandJob, commandJob, commandJob, commandJob, commandJob];

/** Writes `count` small specs under dir (folders of ten) and returns their paths. */
export function writeSmallSpecs(dir, count, seed = 7) {
  const rnd = prng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const make = MAKERS[i % MAKERS.length];
    const sub = path.join(dir, `project-${Math.floor(i / 10)}`);
    fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `${make.name}-${i}.yml`);
    fs.writeFileSync(file, make(i, rnd));
    out.push(file);
  }
  return out;
}
