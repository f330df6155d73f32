import fs from 'node:fs';
import path from 'node:path';
import { WORKSPACES } from './harness';

/**
 * Repository layouts (test/fixtures/workspaces/layouts/<name>) and, for each,
 * every finding of the cross-file rules and of the association checks:
 * `file: [code@line, ...]`. Files not listed have none. The same table is
 * checked through the language service with the index, the CLI and the LSP
 * server: all three must give exactly these.
 */
export const CROSS_FILE_CODES = new Set([
  'image-build-compute-unknown',
  'compute-region-mismatch',
  'online-endpoint-public-on-private-workspace',
  'batch-deployment-cmk-workspace',
  'job-user-identity-cached-credentials',
  'invalid-workspace-association',
]);

export const LAYOUTS: Record<string, { about: string; expected: Record<string, string[]> }> = {
  'sibling-infra': {
    about: 'the workspace spec in a sibling infra/ folder, the only one of the repository (the layout of issue 11): every rule fires',
    expected: {
      'infra/workspace.yml': ['image-build-compute-unknown@6'],
      'compute/west-instance.yml': ['compute-region-mismatch@5'],
      'endpoints/online-endpoint.yml': ['online-endpoint-public-on-private-workspace@4'],
      'endpoints/batch-deployment.yml': ['batch-deployment-cmk-workspace@2'],
      'jobs/train.yml': ['job-user-identity-cached-credentials@12'],
    },
  },
  examples: {
    about:
      'azureml-examples: many example workspace specs in one folder, nothing chooses: the rules that need a workspace are silent; the job rule resolves a datastore defined once (not one defined twice)',
    expected: {
      'cli/jobs/single-step/user-identity/job.yml': ['job-user-identity-cached-credentials@11'],
    },
  },
  'dev-prod': {
    about: 'dev and prod workspace specs side by side, chosen per folder by .aml-yaml.json; staging names a spec that does not exist',
    expected: {
      'infra/prod/workspace.yml': ['image-build-compute-unknown@5'],
      'prod/compute/cluster.yml': ['compute-region-mismatch@5'],
      'prod/endpoints/endpoint.yml': ['online-endpoint-public-on-private-workspace@4'],
      'prod/endpoints/batch-deployment.yml': ['batch-deployment-cmk-workspace@2'],
      'prod/jobs/train.yml': ['job-user-identity-cached-credentials@11'],
      'dev/jobs/train.yml': ['job-user-identity-cached-credentials@11'],
      'staging/.aml-yaml.json': ['invalid-workspace-association@2'],
    },
  },
  comment: {
    about:
      'two workspace specs in one folder; files choose with "# aml-yaml-workspace:" (one names a compute spec, one is text in a block scalar)',
    expected: {
      'workspaces/secure.yml': ['image-build-compute-unknown@5'],
      'compute/far.yml': ['compute-region-mismatch@6'],
      'endpoints/endpoint.yml': ['online-endpoint-public-on-private-workspace@5'],
      'endpoints/batch-deployment.yml': ['batch-deployment-cmk-workspace@3'],
      'endpoints/wrong-comment.yml': ['invalid-workspace-association@1'],
      'jobs/train.yml': ['job-user-identity-cached-credentials@12'],
    },
  },
  monorepo: {
    about:
      'two projects, each with one workspace spec (vision in a sibling infra/, nlp at its root); shared/ at the top belongs to neither',
    expected: {
      'projects/vision/infra/workspace.yml': ['image-build-compute-unknown@5'],
      'projects/vision/compute/vision-ci.yml': ['compute-region-mismatch@5'],
      'projects/vision/endpoints/endpoint.yml': ['online-endpoint-public-on-private-workspace@4'],
      'projects/vision/endpoints/batch-deployment.yml': ['batch-deployment-cmk-workspace@2'],
      'projects/vision/jobs/train.yml': ['job-user-identity-cached-credentials@11'],
      'shared/jobs/evaluate.yml': ['job-user-identity-cached-credentials@11'],
    },
  },
};

export const layoutRoot = (name: string) => path.join(WORKSPACES, 'layouts', name);

/** Every YAML file of a layout (relative, forward slashes). */
export function layoutFiles(name: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(path.relative(layoutRoot(name), p).split(path.sep).join('/'));
    }
  };
  walk(layoutRoot(name));
  return out.sort();
}

/** Findings as `file: [code@line]`, keeping the codes of CROSS_FILE_CODES and files with some. */
export function findings(
  entries: Iterable<[string, Array<{ code?: unknown; range: { start: { line: number } } }>]>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [file, diagnostics] of entries) {
    const list = diagnostics.filter((d) => CROSS_FILE_CODES.has(String(d.code))).map((d) => `${String(d.code)}@${d.range.start.line + 1}`);
    if (list.length) out[file] = list.sort();
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function expectedFindings(name: string): Record<string, string[]> {
  return findings(
    Object.entries(LAYOUTS[name].expected).map(([file, list]) => [
      file,
      list.map((x) => ({ code: x.slice(0, x.indexOf('@')), range: { start: { line: Number(x.slice(x.indexOf('@') + 1)) - 1 } } })),
    ]),
  );
}
