import fs from 'node:fs';
import path from 'node:path';
import { AmlLanguageService, type ServiceOptions } from '../server/src/service';
import { LineIndex } from '../server/src/core/text';
import type { Position, TextSource } from '../server/src/core/types';

export const ROOT = path.resolve(__dirname, '..');
/** The vendored azureml-examples corpus (test/fixtures/corpus), or $AML_YAML_CORPUS. */
export const CORPUS = process.env.AML_YAML_CORPUS
  ? path.resolve(process.env.AML_YAML_CORPUS)
  : path.join(ROOT, 'test', 'fixtures', 'corpus');

/** A row of the corpus manifest (`azureml-examples.tsv`): a file below `azureml-examples/`, its kind (or `negative:<why>`) and `$schema`. */
export interface CorpusEntry {
  file: string;
  kind: string;
  schema: string;
}

/** The corpus manifest's rows, in its order. */
export function corpusManifest(): CorpusEntry[] {
  return fs
    .readFileSync(path.join(CORPUS, 'azureml-examples.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [file, kind, schema] = line.split('\t');
      return { file, kind, schema };
    });
}

/** The path of a file named in the corpus manifest. */
export const corpusPath = (file: string) => path.join(CORPUS, 'azureml-examples', file);

let shared: AmlLanguageService | undefined;
/** One service for the whole test file: schemas load and compile once. */
export function service(options?: ServiceOptions): AmlLanguageService {
  if (options) return new AmlLanguageService(options);
  shared ??= new AmlLanguageService();
  return shared;
}

let counter = 0;
export function doc(text: string, uri = `file:///test/doc${++counter}.yml`): TextSource {
  return { uri, version: 1, text };
}

/** Splits a fixture at its `$0` cursor marker. */
export function withCursor(fixture: string, uri?: string): { source: TextSource; position: Position; offset: number } {
  const offset = fixture.indexOf('$0');
  if (offset < 0) throw new Error('fixture has no $0 cursor marker');
  const text = fixture.slice(0, offset) + fixture.slice(offset + 2);
  return { source: doc(text, uri), position: new LineIndex(text).positionAt(offset), offset };
}

/** Applies LSP-style edits (ranges in positions) to a text: the product's one applier. */
export { applyTextEdits as applyEdits } from '../server/src/core/textEdits';

export const WS = 'https://azuremlschemas.azureedge.net/latest/workspace.schema.json';
export const schemaLine = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
