// A generated repository for the scale benchmark: projects laid out as real
// Azure ML repositories are (infra/, compute/, data/, environments/,
// components/, jobs/, pipelines/, endpoints/, src/ with Python files, GitHub
// workflows and conda files beside the specs), with kinds mixed in the
// proportions of azureml-examples (test/fixtures/corpus/azureml-examples.tsv)
// and references between them: jobs name their project's computes,
// environments, data assets and datastores; pipelines point at component
// files; deployments name endpoints, models and code folders. Names carry the
// project number, so a reference names one spec. Deterministic (seeded).
import fs from 'node:fs';
import path from 'node:path';
import { prng } from './workload.mjs';

const S = (kind) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
const SUB = '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-bench/providers';
const REGIONS = ['eastus', 'westeurope', 'eastus2', 'northeurope', 'westus3'];

/**
 * Specs per project of 50, by kind: azureml-examples' mix (pipeline and
 * command jobs, components and online deployments first), rounded, with one
 * workspace per project (azureml-examples has about one per 56 specs).
 */
const MIX = [
  ['pipelineJob', 9],
  ['commandComponent', 8],
  ['managedOnlineDeployment', 6],
  ['commandJob', 5],
  ['data', 2],
  ['batchDeployment', 2],
  ['environment', 2],
  ['autoMLJob', 2],
  ['managedOnlineEndpoint', 2],
  ['pipelineComponent', 1],
  ['workspace', 1],
  ['amlCompute', 2],
  ['computeInstance', 1],
  ['model', 1],
  ['batchEndpoint', 1],
  ['azureBlob', 1],
  ['sweepJob', 1],
  ['sparkJob', 1],
  ['schedule', 1],
];
export const SPECS_PER_PROJECT = MIX.reduce((n, [, c]) => n + c, 0);
/** Per project: GitHub workflows and conda files (azureml-examples: 272 workflows and 87 conda files per 451 specs). */
const WORKFLOWS = 25;
const CONDAS = 8;

function lines(...ls) {
  return ls.flat().join('\n') + '\n';
}

function makers(p, rnd) {
  const cluster = (k) => `cpu-cluster-p${p}-${k}`;
  const env = (k) => `env-p${p}-${k}`;
  const pick = (n) => Math.floor(rnd() * n);
  return {
    workspace: () =>
      lines(
        S('workspace'),
        `name: mlw-p${p}`,
        `location: ${REGIONS[p % REGIONS.length]}`,
        `display_name: Project ${p} workspace`,
        `description: Workspace of project ${p}.`,
        p % 3 === 0 ? ['public_network_access: Disabled', `image_build_compute: ${cluster(0)}`] : [],
        `storage_account: ${SUB}/Microsoft.Storage/storageAccounts/stp${p}`,
        `key_vault: ${SUB}/Microsoft.KeyVault/vaults/kvp${p}`,
        p % 5 === 1
          ? [
              'customer_managed_key:',
              `  key_vault: ${SUB}/Microsoft.KeyVault/vaults/kvp${p}`,
              `  key_uri: https://kvp${p}.vault.azure.net/keys/cmk/0123456789abcdef`,
            ]
          : [],
        'tags:',
        `  project: "${p}"`,
      ),
    amlCompute: (k) =>
      lines(
        S('amlCompute'),
        `name: ${cluster(k)}`,
        'type: amlcompute',
        `size: Standard_DS3_v2`,
        `location: ${REGIONS[(p + k) % REGIONS.length]}`,
        'min_instances: 0',
        `max_instances: ${2 + k}`,
        'idle_time_before_scale_down: 120',
        'tier: dedicated',
      ),
    computeInstance: (k) =>
      lines(
        S('computeInstance'),
        `name: ci-p${p}-${k}`,
        'type: computeinstance',
        'size: Standard_DS3_v2',
        `location: ${REGIONS[p % REGIONS.length]}`,
        'idle_time_before_shutdown_minutes: 60',
      ),
    data: (k) =>
      lines(
        S('data'),
        `name: data-p${p}-${k}`,
        'version: 1',
        `description: Data set ${k} of project ${p}.`,
        'type: uri_folder',
        `path: azureml://datastores/store-p${p}/paths/data/${k}/`,
      ),
    azureBlob: (k) =>
      lines(
        S('azureBlob'),
        `name: store-p${p}`,
        'type: azure_blob',
        `description: Blob store ${k} of project ${p}.`,
        `account_name: stp${p}`,
        'container_name: data',
        p % 4 === 0 ? ['credentials:', '  account_key: ${{secrets.STORAGE_KEY}}'] : [],
      ),
    environment: (k) =>
      lines(
        S('environment'),
        `name: ${env(k)}`,
        'version: 1',
        'image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest',
        `conda_file: conda-${k}.yml`,
        `description: Environment ${k} of project ${p}.`,
      ),
    model: (k) =>
      lines(
        S('model'),
        `name: model-p${p}-${k}`,
        'version: 1',
        'type: mlflow_model',
        'path: ../src/model',
        `description: Model ${k} of project ${p}.`,
      ),
    commandComponent: (k) =>
      lines(
        S('commandComponent'),
        `name: train_p${p}_${k}`,
        `display_name: Train ${k}`,
        'version: 1',
        'type: command',
        'inputs:',
        '  training_data:',
        '    type: uri_folder',
        '  max_epochs:',
        '    type: integer',
        '    default: 10',
        '  learning_rate:',
        '    type: number',
        '    default: 0.01',
        'outputs:',
        '  model_output:',
        '    type: uri_folder',
        'code: ../src',
        `environment: azureml:${env(k % 2)}:1`,
        'command: >-',
        '  python train.py',
        '  --training_data ${{inputs.training_data}}',
        '  --max_epochs ${{inputs.max_epochs}}',
        '  --learning_rate ${{inputs.learning_rate}}',
        '  --model_output ${{outputs.model_output}}',
        'resources:',
        '  instance_count: 1',
        'distribution:',
        '  type: pytorch',
        '  process_count_per_instance: 1',
      ),
    pipelineComponent: (k) =>
      lines(
        S('pipelineComponent'),
        `name: pipeline_component_p${p}_${k}`,
        'type: pipeline',
        'inputs:',
        '  training_input:',
        '    type: uri_folder',
        'outputs:',
        '  trained_model:',
        '    type: uri_folder',
        'jobs:',
        ...[0, 1, 2].flatMap((j) => [
          `  step_${j}:`,
          '    type: command',
          `    component: ../components/train-${j}.yml`,
          '    inputs:',
          j === 0
            ? '      training_data: ${{parent.inputs.training_input}}'
            : `      training_data: \${{parent.jobs.step_${j - 1}.outputs.model_output}}`,
          '      max_epochs: 20',
          '    outputs:',
          j === 2 ? '      model_output: ${{parent.outputs.trained_model}}' : '      model_output:',
          '    resources:',
          '      instance_count: 1',
        ]),
      ),
    commandJob: (k) =>
      lines(
        S('commandJob'),
        'code: ../src',
        'command: python train.py --data ${{inputs.training_data}} --lr ${{inputs.learning_rate}}',
        `environment: azureml:${env(k % 2)}:1`,
        `compute: azureml:${cluster(k % 2)}`,
        `display_name: train-p${p}-${k}`,
        `experiment_name: project-${p}`,
        `description: Training job ${k} of project ${p}.`,
        k % 3 === 0 ? ['identity:', '  type: user_identity'] : [],
        'inputs:',
        '  training_data:',
        '    type: uri_folder',
        `    path: azureml://datastores/store-p${p}/paths/data/${k}/`,
        '  reference_data:',
        '    type: uri_folder',
        `    path: azureml:data-p${p}-${k % 2}:1`,
        `  learning_rate: 0.0${1 + (k % 9)}`,
        'outputs:',
        '  model:',
        '    type: mlflow_model',
        'resources:',
        '  instance_count: 1',
      ),
    sweepJob: (k) =>
      lines(
        S('sweepJob'),
        'type: sweep',
        `experiment_name: sweep-p${p}`,
        'trial:',
        '  code: ../src',
        '  command: python train.py --lr ${{search_space.learning_rate}}',
        `  environment: azureml:${env(0)}:1`,
        `compute: azureml:${cluster(0)}`,
        'sampling_algorithm: random',
        'search_space:',
        '  learning_rate:',
        '    type: uniform',
        '    min_value: 0.01',
        '    max_value: 0.9',
        '  boosting:',
        '    type: choice',
        '    values: ["gbdt", "dart"]',
        'objective:',
        '  goal: minimize',
        '  primary_metric: test-multi_logloss',
        'limits:',
        '  max_total_trials: 20',
        '  max_concurrent_trials: 10',
        '  timeout: 7200',
        'inputs:',
        '  iris:',
        '    type: uri_file',
        `    path: azureml:data-p${p}-0:1`,
        `description: Sweep ${k} of project ${p}.`,
      ),
    autoMLJob: (k) =>
      lines(
        S('autoMLJob'),
        'type: automl',
        `experiment_name: automl-p${p}`,
        `description: AutoML classification ${k} of project ${p}.`,
        `compute: azureml:${cluster(1)}`,
        'task: classification',
        'log_verbosity: debug',
        'primary_metric: accuracy',
        'target_column_name: "y"',
        'training_data:',
        `  path: azureml:data-p${p}-0:1`,
        '  type: mltable',
        'validation_data:',
        `  path: azureml:data-p${p}-1:1`,
        '  type: mltable',
        'limits:',
        '  timeout_minutes: 180',
        '  max_trials: 40',
        '  max_concurrent_trials: 5',
        '  trial_timeout_minutes: 20',
        '  enable_early_termination: true',
        '  exit_score: 0.92',
        'featurization:',
        '  mode: custom',
        '  transformer_params:',
        '    imputer:',
        '      - fields: ["job"]',
        '        parameters:',
        '          strategy: most_frequent',
        'training:',
        '  enable_model_explainability: true',
        '  allowed_training_algorithms:',
        '    - gradient_boosting',
        '    - logistic_regression',
        '    - random_forest',
        'tags:',
        `  project: "${p}"`,
        '  owner: bench',
      ),
    pipelineJob: (k) =>
      lines(
        S('pipelineJob'),
        'type: pipeline',
        `display_name: pipeline-p${p}-${k}`,
        `experiment_name: pipelines-p${p}`,
        `description: Pipeline ${k} of project ${p}.`,
        'settings:',
        `  default_compute: azureml:${cluster(0)}`,
        '  default_datastore: azureml:workspaceblobstore',
        '  continue_on_step_failure: false',
        'inputs:',
        '  pipeline_input:',
        '    type: uri_folder',
        `    path: azureml://datastores/store-p${p}/paths/raw/`,
        '  learning_rate: 0.01',
        'outputs:',
        '  pipeline_output:',
        '    type: uri_folder',
        '    mode: rw_mount',
        'jobs:',
        ...[0, 1, 2, 3, 4, 5].flatMap((j) =>
          j % 2 === 0
            ? [
                `  prep_${j}:`,
                '    type: command',
                `    component: ../components/train-${j % 8}.yml`,
                `    compute: azureml:${cluster(j % 2)}`,
                '    inputs:',
                j === 0
                  ? '      training_data: ${{parent.inputs.pipeline_input}}'
                  : `      training_data: \${{parent.jobs.train_${j - 1}.outputs.model_output}}`,
                '      learning_rate: ${{parent.inputs.learning_rate}}',
                '    outputs:',
                '      model_output:',
              ]
            : [
                `  train_${j}:`,
                '    type: command',
                '    code: ../src',
                `    command: python step.py --in \${{inputs.training_data}} --out \${{outputs.model_output}}`,
                `    environment: azureml:${env(0)}:1`,
                '    inputs:',
                `      training_data: \${{parent.jobs.prep_${j - 1}.outputs.model_output}}`,
                '    outputs:',
                '      model_output:',
                '        type: uri_folder',
                '    resources:',
                '      instance_count: 1',
                '    environment_variables:',
                `      STEP: "${j}"`,
              ],
        ),
      ),
    sparkJob: (k) =>
      lines(
        S('sparkJob'),
        'type: spark',
        'code: ../src',
        'entry:',
        '  file: titanic.py',
        'conf:',
        '  spark.driver.cores: 1',
        '  spark.driver.memory: 2g',
        '  spark.executor.cores: 2',
        '  spark.executor.memory: 2g',
        '  spark.executor.instances: 2',
        'inputs:',
        '  titanic_data:',
        '    type: uri_file',
        `    path: azureml://datastores/store-p${p}/paths/titanic.csv`,
        '    mode: direct',
        'outputs:',
        '  wrangled_data:',
        '    type: uri_folder',
        `    path: azureml://datastores/store-p${p}/paths/out/`,
        '    mode: direct',
        'args: >-',
        '  --titanic_data ${{inputs.titanic_data}}',
        '  --wrangled_data ${{outputs.wrangled_data}}',
        `identity:`,
        '  type: user_identity',
        'resources:',
        '  instance_type: standard_e4s_v3',
        '  runtime_version: "3.3"',
        `description: Spark job ${k} of project ${p}.`,
      ),
    schedule: (k) =>
      lines(
        S('schedule'),
        `name: schedule-p${p}-${k}`,
        `display_name: Nightly ${p}`,
        'trigger:',
        '  type: recurrence',
        '  frequency: day',
        '  interval: 1',
        '  schedule:',
        '    hours: 10',
        '    minutes: [0, 30]',
        '  start_time: "2024-01-01T00:00:00"',
        '  time_zone: "Pacific Standard Time"',
        'create_job: ../pipelines/pipeline-0.yml',
      ),
    managedOnlineEndpoint: (k) =>
      lines(
        S('managedOnlineEndpoint'),
        `name: endpoint-p${p}-${k}`,
        'auth_mode: key',
        `public_network_access: ${k % 2 ? 'disabled' : 'enabled'}`,
        `description: Online endpoint ${k} of project ${p}.`,
      ),
    managedOnlineDeployment: (k) =>
      lines(
        S('managedOnlineDeployment'),
        `name: deployment-${k}`,
        `endpoint_name: endpoint-p${p}-${k % 2}`,
        `model: azureml:model-p${p}-0:1`,
        'code_configuration:',
        '  code: ../src',
        '  scoring_script: score.py',
        `environment: azureml:${env(1)}:1`,
        'instance_type: Standard_DS3_v2',
        'instance_count: 1',
        'request_settings:',
        '  request_timeout_ms: 3000',
        '  max_concurrent_requests_per_instance: 1',
      ),
    batchEndpoint: (k) =>
      lines(
        S('batchEndpoint'),
        `name: batch-endpoint-p${p}-${k}`,
        `description: Batch endpoint ${k} of project ${p}.`,
        'auth_mode: aad_token',
      ),
    batchDeployment: (k) =>
      lines(
        S('batchDeployment'),
        `name: batch-${k}`,
        `endpoint_name: batch-endpoint-p${p}-0`,
        `model: azureml:model-p${p}-0:1`,
        'code_configuration:',
        '  code: ../src',
        '  scoring_script: score.py',
        `environment: azureml:${env(0)}:1`,
        `compute: azureml:${cluster(pick(2))}`,
        'resources:',
        '  instance_count: 2',
        'max_concurrency_per_instance: 2',
        'mini_batch_size: 10',
        'output_action: append_row',
        'output_file_name: predictions.csv',
        'retry_settings:',
        '  max_retries: 3',
        '  timeout: 30',
        'error_threshold: -1',
        'logging_level: info',
      ),
  };
}

const FOLDER = {
  workspace: 'infra',
  amlCompute: 'compute',
  computeInstance: 'compute',
  data: 'data',
  azureBlob: 'data',
  model: 'models',
  environment: 'environments',
  commandComponent: 'components',
  pipelineComponent: 'components',
  commandJob: 'jobs',
  sweepJob: 'jobs',
  autoMLJob: 'jobs',
  sparkJob: 'jobs',
  pipelineJob: 'pipelines',
  schedule: 'pipelines',
  managedOnlineEndpoint: 'endpoints',
  managedOnlineDeployment: 'endpoints',
  batchEndpoint: 'endpoints',
  batchDeployment: 'endpoints',
};

const FILE = {
  commandComponent: 'train',
  pipelineComponent: 'pipeline-component',
  pipelineJob: 'pipeline',
  commandJob: 'train-job',
  managedOnlineDeployment: 'online-deployment',
  batchDeployment: 'batch-deployment',
  managedOnlineEndpoint: 'online-endpoint',
  batchEndpoint: 'batch-endpoint',
  amlCompute: 'cluster',
  computeInstance: 'instance',
};

function workflow(p, k) {
  return lines(
    `name: project-${p}-workflow-${k}`,
    'on:',
    '  workflow_dispatch:',
    '  pull_request:',
    '    branches: [main]',
    '    paths:',
    `      - projects/p${p}/**`,
    'permissions:',
    '  id-token: write',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - name: check out repo',
    '        uses: actions/checkout@v4',
    '      - name: azure login',
    '        uses: azure/login@v2',
    '        with:',
    '          client-id: ${{ secrets.AZ_CLIENT_ID }}',
    '          tenant-id: ${{ secrets.AZ_TENANT_ID }}',
    '      - name: run job',
    '        run: |',
    `          az ml job create -f projects/p${p}/jobs/train-job-${k % 5}.yml`,
    '        working-directory: .',
  );
}

function conda(k) {
  return lines(
    'name: project-env',
    'channels:',
    '  - conda-forge',
    'dependencies:',
    '  - python=3.10',
    '  - pip',
    '  - pip:',
    `    - mlflow==2.${k}.0`,
    '    - azureml-mlflow',
    '    - scikit-learn',
  );
}

/**
 * Writes `specs` Azure ML specs (rounded up to whole projects) under dir,
 * with the workflows, conda files and source files of each project. Returns
 * counts and the paths of the YAML files.
 */
export function writeRepository(dir, specs, seed = 11) {
  const rnd = prng(seed);
  const projects = Math.ceil(specs / SPECS_PER_PROJECT);
  const yaml = [];
  let specCount = 0;
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  for (let p = 0; p < projects; p++) {
    const base = path.join(dir, 'projects', `p${p}`);
    const make = makers(p, rnd);
    for (const [kind, count] of MIX) {
      for (let k = 0; k < count; k++) {
        const file = path.join(base, FOLDER[kind], `${FILE[kind] ?? kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${k}.yml`);
        write(file, make[kind](k));
        yaml.push(file);
        specCount++;
      }
    }
    for (let k = 0; k < CONDAS; k++) {
      const file = path.join(base, k < 2 ? 'environments' : 'src', `conda-${k}.yml`);
      write(file, conda(k));
      yaml.push(file);
    }
    for (let k = 0; k < WORKFLOWS; k++) {
      const file = path.join(dir, '.github', 'workflows', `p${p}-${k}.yml`);
      write(file, workflow(p, k));
      yaml.push(file);
    }
    write(path.join(base, 'src', 'train.py'), 'import argparse\n\nprint("train")\n');
    write(path.join(base, 'src', 'score.py'), 'def init():\n    pass\n\n\ndef run(data):\n    return data\n');
    write(path.join(base, 'src', 'model', 'MLmodel'), 'flavors: {}\n');
    write(path.join(base, 'README.md'), `# Project ${p}\n`);
  }
  return { projects, specs: specCount, yaml };
}
