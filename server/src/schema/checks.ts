/**
 * Checks the Azure ML CLI makes outside its field declarations (marshmallow
 * `@validates`, `@validates_schema`, `pre_load`, and the local validation
 * `create` runs before calling the service), as built-in checks with stable
 * codes. A schema names the check where it applies with `x-check: "<code>"`;
 * the kind registry collects those places, and `validateSection` runs the
 * check on every value found there. Codes that only rename a pattern failure
 * (`invalid-name`) have no function: `validate.ts` reports the pattern error
 * under the code.
 */

import { EXPRESSION } from '../core/scalars';

export interface CheckFinding {
  message: string;
  /** Where the finding goes, relative to the checked value: a child key (its key), or the value's own key when undefined. */
  child?: string;
}

export interface LoaderCheck {
  code: string;
  /** One sentence for settings, SARIF and the docs. */
  description: string;
  /** Where the CLI makes the check (current azure-ai-ml source). */
  source: string;
  /** Returns the findings on one value at an annotated place; absent for codes that rename schema findings. */
  run?(value: unknown): CheckFinding[];
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An integer as marshmallow's Int reads it (numbers and numeric strings); undefined otherwise. */
function loaderInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

export const LOADER_CHECKS: readonly LoaderCheck[] = [
  {
    code: 'invalid-name',
    description:
      'A name the CLI rejects: endpoint names start with a letter and hold letters, digits and hyphens; component names hold lower-case letters, digits and underscores.',
    source: 'azure/ai/ml/_schema/_endpoint/endpoint.py (name Regexp), azure/ai/ml/_schema/core/fields.py (PythonFuncNameStr)',
  },
  {
    code: 'traffic-total',
    description: 'Traffic percentages of an online endpoint that add up to more than 100.',
    source: 'azure/ai/ml/_schema/_endpoint/online/online_endpoint.py (@validates("traffic"))',
    run(value) {
      if (!isMap(value)) return [];
      let total = 0;
      for (const v of Object.values(value)) {
        if (typeof v === 'string' && EXPRESSION.test(v)) return [];
        const n = loaderInt(v);
        if (n === undefined) return []; // a wrong type is the schema's finding
        total += n;
      }
      return total > 100
        ? [
            {
              message: `The traffic percentages add up to ${total}; the CLI accepts at most 100 ("Traffic rule percentages must sum to less than or equal to 100%").`,
            },
          ]
        : [];
    },
  },
  {
    code: 'single-user-assigned-identity',
    description: 'More than one user-assigned identity on a compute or an endpoint, where the CLI supports one.',
    source: 'azure/ai/ml/_schema/identity.py (@validates("user_assigned_identities"))',
    run(value) {
      return Array.isArray(value) && value.length > 1
        ? [
            {
              message: `${value.length} user-assigned identities: the CLI supports only one here ("Only 1 user assigned identity is currently supported").`,
            },
          ]
        : [];
    },
  },
  {
    code: 'environment-image-or-build',
    description: 'An environment with neither image nor build, or with both: az ml environment create needs exactly one of them.',
    source: 'azure/ai/ml/entities/_assets/environment.py (Environment.validate, run by create before the service is called)',
    run(value) {
      if (!isMap(value)) return [];
      const image = value.image !== undefined && value.image !== null;
      const build = value.build !== undefined && value.build !== null;
      if (!image && !build)
        return [
          {
            message:
              'An environment needs image (a Docker image) or build (a Docker build context); az ml environment create fails without one ("Docker image or Dockerfile is required for environments").',
          },
        ];
      if (image && build)
        return [
          { message: 'Give either image or build, not both: az ml environment create rejects an environment with both.', child: 'build' },
        ];
      return [];
    },
  },
  {
    code: 'pipeline-jobs-or-component',
    description: 'A pipeline job with both jobs and a component file: the CLI takes one or the other.',
    source: 'azure/ai/ml/_schema/pipeline/pipeline_job.py (@pre_load check_exclusive_fields)',
    run(value) {
      if (!isMap(value)) return [];
      const jobs = value.jobs;
      const hasJobs = isMap(jobs) ? Object.keys(jobs).length > 0 : Array.isArray(jobs) ? jobs.length > 0 : !!jobs;
      return typeof value.component === 'string' && hasJobs
        ? [
            {
              message:
                '"jobs" and "component" are mutually exclusive in a pipeline job: give the steps in jobs, or a pipeline component in component.',
              child: 'component',
            },
          ]
        : [];
    },
  },
];

export const CHECK_CODES = LOADER_CHECKS.map((c) => c.code);
export const CHECKS_BY_CODE = new Map(LOADER_CHECKS.map((c) => [c.code, c]));
