import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type AnySchema, type ValidateFunction } from 'ajv/dist/2020';
import { KINDS, schemaFileOf } from '../core/kinds';

/** A JSON Schema object (or boolean schema) as loaded from `schemas/`, typed as ajv types schemas. */
export type JsonSchema = AnySchema;

/** A schema together with the base URI its relative `$ref`s resolve against. */
export interface SchemaRef {
  schema: JsonSchema;
  base: string;
  /** Reached through one of several union branches still open: its `required` is not binding. */
  conditional?: boolean;
}

/** Annotation keywords our schemas may carry besides standard JSON Schema. */
export const ANNOTATION_KEYWORDS = [
  'x-casing',
  'x-docs',
  'x-secret',
  'x-resourceType',
  'x-reference',
  'x-kind',
  'x-identity',
  'x-cli-supplied',
  'x-unknown',
  'x-pattern-description',
  'x-check',
];

/**
 * Loads every schema file once, compiles validators lazily (one per kind, kept
 * for the life of the process) and resolves `$ref`s for navigation. Nothing is
 * fetched: `$id` URLs are identifiers only.
 */
export class SchemaStore {
  private readonly byId = new Map<string, JsonSchema>();
  private readonly rootIdOfKind = new Map<string, string>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly subValidators = new Map<string, ValidateFunction | undefined>();
  private readonly ajv: Ajv2020;

  constructor(readonly dir: string) {
    this.ajv = new Ajv2020({
      allErrors: true,
      discriminator: true,
      verbose: true,
      inlineRefs: false,
      allowUnionTypes: true,
      strictSchema: true,
      strictNumbers: true,
      strictTypes: false,
      strictTuples: false,
      strictRequired: false,
      validateSchema: false,
    });
    this.ajv.addVocabulary(ANNOTATION_KEYWORDS);
    for (const file of listJson(dir)) {
      const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { $id?: string };
      const rel = path.relative(dir, file).split(path.sep).join('/');
      const id = schema.$id ?? `https://schemas.aml-yaml.dev/${rel}`;
      this.byId.set(stripHash(id), schema);
      this.ajv.addSchema(schema as object, id);
      const kind = KINDS.find((k) => schemaFileOf(k.id) === rel);
      if (kind) this.rootIdOfKind.set(kind.id, stripHash(id));
    }
  }

  hasKind(kind: string): boolean {
    return this.rootIdOfKind.has(kind);
  }

  kinds(): string[] {
    return [...this.rootIdOfKind.keys()];
  }

  root(kind: string): SchemaRef | undefined {
    const id = this.rootIdOfKind.get(kind);
    if (!id) return undefined;
    return { schema: this.byId.get(id)!, base: id };
  }

  /** The Microsoft Learn reference page of a kind (`x-docs` at the schema root). */
  docsUrl(kind: string): string | undefined {
    const root = this.root(kind)?.schema;
    return typeof root === 'object' ? (root['x-docs'] as string | undefined) : undefined;
  }

  /** The compiled validator of a kind; built on first use and then reused. */
  validator(kind: string): ValidateFunction | undefined {
    let v = this.validators.get(kind);
    if (!v) {
      const id = this.rootIdOfKind.get(kind);
      if (!id) return undefined;
      v = this.ajv.getSchema(id);
      if (!v) return undefined;
      this.validators.set(kind, v);
    }
    return v;
  }

  /** A validator for a sub-schema given by absolute URI with a JSON-pointer fragment. */
  subValidator(uri: string): ValidateFunction | undefined {
    if (this.subValidators.has(uri)) return this.subValidators.get(uri);
    let v: ValidateFunction | undefined;
    try {
      v = this.ajv.compile({ $ref: uri });
    } catch {
      v = undefined;
    }
    this.subValidators.set(uri, v);
    return v;
  }

  private locations: WeakMap<object, string> | undefined;

  /** The absolute URI (id + JSON pointer) of a schema object loaded from `schemas/`. */
  locate(node: unknown): string | undefined {
    if (!node || typeof node !== 'object') return undefined;
    if (!this.locations) {
      const map = new WeakMap<object, string>();
      const walk = (n: unknown, uri: string) => {
        if (!n || typeof n !== 'object' || map.has(n as object)) return;
        map.set(n as object, uri);
        for (const [k, v] of Object.entries(n as object)) {
          if (v && typeof v === 'object') walk(v, `${uri}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        }
      };
      for (const [id, schema] of this.byId) walk(schema, `${id}#`);
      this.locations = map;
    }
    return this.locations.get(node as object);
  }

  private readonly resolved = new Map<string, SchemaRef | undefined>();

  /** Resolves a `$ref` against a base URI (memoised: navigation resolves the same refs on every keystroke). */
  resolve(ref: string, base: string): SchemaRef | undefined {
    const key = `${base}\u0000${ref}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const found = this.resolveUncached(ref, base);
    this.resolved.set(key, found);
    return found;
  }

  private resolveUncached(ref: string, base: string): SchemaRef | undefined {
    let abs: string;
    try {
      abs = new URL(ref, base).toString();
    } catch {
      return undefined;
    }
    const [docId, pointer = ''] = abs.split('#');
    const doc = this.byId.get(docId);
    if (doc === undefined) return undefined;
    const target = pointerGet(doc, pointer);
    return target === undefined ? undefined : { schema: target as JsonSchema, base: docId };
  }

  /** Compiles every kind's validator; used by tests to prove every schema is valid. */
  compileAll(): void {
    for (const kind of this.rootIdOfKind.keys()) {
      const id = this.rootIdOfKind.get(kind)!;
      const s = this.byId.get(id)!;
      const ok = this.ajv.validateSchema(s as object);
      if (!ok) throw new Error(`${kind}: ${this.ajv.errorsText(this.ajv.errors)}`);
      if (!this.validator(kind)) throw new Error(`${kind}: did not compile`);
    }
  }
}

function stripHash(id: string): string {
  return id.replace(/#.*$/, '');
}

function pointerGet(doc: unknown, pointer: string): unknown {
  if (!pointer || pointer === '/') return doc;
  let v: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listJson(p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

/** Finds the `schemas/` folder shipped beside the code (source tree, bundle or .vsix). */
export function findSchemasDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'defs', 'common.defs.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`aml-yaml: cannot find the schemas folder above ${start}`);
}
