// A pipeline edit as the server handles it (server.ts `publish`): the index
// summarises the open document's parse, the document is analysed with the
// index as its workspace view, then a hover and a completion read that
// version. The pipeline's steps run local component files. Prints the
// binding model builds per edit and the median time of an edit, also as a
// ratio to the YAML parse floor (parseAllDocuments of the same text) of the
// same run. Not a test: numbers depend on the machine. `npm run bench`
// (bench/run.mjs) bundles it, runs it and also drives this server and
// yaml-language-server over LSP on the same files (written with --emit).
// Usage: npx tsx bench/bindings-edit.ts [steps=200] [edits=40] [--emit=<dir>]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { bindingModelBuilds } from '../server/src/bindings/model';
import { LineIndex } from '../server/src/core/text';
import { NodeFileSystem } from '../server/src/node/fileSystem';
import { AmlLanguageService } from '../server/src/service';
import { fileUri } from '../server/src/workspace/uri';
import { WorkspaceIndex } from '../server/src/workspace/workspaceIndex';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const emit = process.argv.find((a) => a.startsWith('--emit='))?.slice(7);
const steps = Number(positional[0] ?? 200);
const edits = Number(positional[1] ?? 40);
const SCHEMA = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;

const COMPONENT = [
  SCHEMA('commandComponent'),
  'name: train_model',
  'version: 1',
  'type: command',
  'inputs:',
  '  training_data:',
  '    type: uri_folder',
  '  learning_rate:',
  '    type: number',
  '    default: 0.01',
  'outputs:',
  '  model_output:',
  '    type: uri_folder',
  'environment: azureml:AzureML-sklearn-1.5@latest',
  'command: python train.py --data ${{inputs.training_data}} --lr ${{inputs.learning_rate}} --out ${{outputs.model_output}}',
  '',
].join('\n');

function pipeline(n: number, compute: string): string {
  const lines = [
    SCHEMA('pipelineJob'),
    'type: pipeline',
    'settings:',
    `  default_compute: ${compute}`,
    'inputs:',
    '  raw_data:',
    '    type: uri_folder',
    '    path: azureml:iris-folder:1',
    'outputs:',
    '  final:',
    '    type: uri_folder',
    'jobs:',
  ];
  for (let j = 0; j < n; j++) {
    lines.push(
      `  step_${j}:`,
      '    type: command',
      '    component: ../components/train.yml',
      '    inputs:',
      j === 0
        ? '      training_data: ${{parent.inputs.raw_data}}'
        : `      training_data: \${{parent.jobs.step_${j - 1}.outputs.model_output}}`,
      `      learning_rate: ${(0.01 * (1 + (j % 9))).toFixed(2)}`,
    );
    if (j === n - 1) lines.push('    outputs:', '      model_output: ${{parent.outputs.final}}');
  }
  return lines.join('\n') + '\n';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The workload's files: a component and the pipeline whose steps run it. */
function writeWorkload(dir: string): string {
  fs.mkdirSync(path.join(dir, 'components'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'pipelines'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'components', 'train.yml'), COMPONENT);
  const file = path.join(dir, 'pipelines', 'bindings-pipeline.yml');
  fs.writeFileSync(file, pipeline(steps, 'azureml:cpu'));
  return file;
}

async function main(): Promise<void> {
  if (emit) {
    const file = writeWorkload(emit);
    console.log(JSON.stringify({ steps, file, lines: pipeline(steps, 'azureml:cpu').split('\n').length }));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-bindings-bench-'));
  try {
    const file = writeWorkload(dir);
    const index = new WorkspaceIndex({ fs: new NodeFileSystem() });
    await index.index([fileUri(dir)]);
    const service = new AmlLanguageService({ workspace: index, incrementalParse: true });
    const uri = fileUri(file);
    let version = 0;
    const edit = (text: string) => {
      const src = { uri, version: ++version, text };
      const changes = index.setOpenDocument(uri, text, src.version, service.parse(src));
      for (const d of index.dependents(changes, [uri])) service.invalidate(d);
      const analysis = service.analyze(src);
      const at = new LineIndex(text).positionAt(text.indexOf('parent.inputs.raw_data') + 3);
      service.hover(src, at);
      service.complete(src, at);
      return analysis.diagnostics.length;
    };
    const texts = Array.from({ length: edits + 5 }, (_, i) => pipeline(steps, `azureml:cpu-${i}`));
    for (let i = 0; i < 5; i++) edit(texts[i]); // warm-up: schemas compiled, code optimised
    const times: number[] = [];
    const floor: number[] = [];
    const before = bindingModelBuilds();
    for (let i = 5; i < texts.length; i++) {
      let t = performance.now();
      edit(texts[i]);
      times.push(performance.now() - t);
      t = performance.now();
      parseAllDocuments(texts[i]);
      floor.push(performance.now() - t);
    }
    const builds = (bindingModelBuilds() - before) / edits;
    const ms = median(times);
    const parse = median(floor);
    console.log(
      JSON.stringify({
        steps,
        lines: texts[0].split('\n').length,
        edits,
        buildsPerEdit: builds,
        editMs: +ms.toFixed(2),
        parseFloorMs: +parse.toFixed(2),
        ratio: +(ms / parse).toFixed(2),
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
