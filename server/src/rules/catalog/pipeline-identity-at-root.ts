import { ARTICLES, type OffsetEdit, type Rule } from '../api';
import { asMap } from '../../core/scalars';

/** Step types whose schema takes an `identity` (they run on a compute). An absent type means command. */
const COMPUTE_STEP_TYPES = new Set(['command', 'sweep', 'parallel', 'spark', 'automl']);

function stepType(step: Record<string, unknown>): string {
  const t = step.type;
  if (typeof t === 'string' && t.trim()) return t.trim().toLowerCase();
  const component = asMap(step.component);
  if (component && typeof component.type === 'string') return component.type.trim().toLowerCase();
  return 'command';
}

/**
 * Identity belongs on the steps that run on a compute. Set at the pipeline
 * root it is overridden by step settings, and it does not function at all
 * when a step is a pipeline component.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'identity on a pipeline job should be set on each step that runs on a compute, not at the pipeline root.',
  article: ARTICLES.identity,
  quotes: ['Identity set at the root pipeline or pipeline component level will not function.'],
  hoverFields: [['identity'], ['jobs', '*', 'identity']],
  kinds: ['pipelineJob'],
  check(ctx) {
    const identity = asMap(ctx.value.identity);
    if (!identity) return;
    const jobs = asMap(ctx.value.jobs) ?? {};
    const steps = Object.entries(jobs).flatMap(([name, s]) => (asMap(s) ? [[name, asMap(s)!] as const] : []));
    const pipelineSteps = steps.filter(([, s]) => stepType(s) === 'pipeline').map(([n]) => n);
    // A pipeline job that runs a pipeline component (`component:` instead of `jobs:`) is the same case.
    const runsComponent = !ctx.value.jobs && ctx.value.component !== undefined;
    const computeSteps = steps.filter(([, s]) => COMPUTE_STEP_TYPES.has(stepType(s)));
    const edits: OffsetEdit[] = [];
    for (const [name, step] of computeSteps) {
      if (step.identity !== undefined) continue; // a step's own identity wins; keep it
      const edit = ctx.edits.insertKey(['jobs', name], 'identity', identity);
      if (edit) edits.push(edit);
    }
    const remove = ctx.edits.removeKey(['identity']);
    const n = edits.length;
    const title = n
      ? `Move identity onto the ${n === 1 ? 'step that runs' : `${n} steps that run`} on a compute${n < computeSteps.length ? (n === 1 ? ' and has none' : ' and have none') : ''}`
      : 'Remove identity from the pipeline root (every step sets its own)';
    const fixes = remove && computeSteps.length ? [{ title, edits: [remove, ...edits], isPreferred: true }] : [];
    if (pipelineSteps.length || runsComponent) {
      const what = runsComponent ? 'this pipeline job runs a pipeline component' : `step "${pipelineSteps[0]}" is a pipeline component`;
      ctx.report({
        message: `identity at the root of this pipeline job does not function because ${what}: set identity on each step that runs on a compute.`,
        at: { key: ['identity'] },
        fixes,
      });
      return;
    }
    ctx.report({
      message: 'identity at the root of this pipeline job is better set on each step that runs on a compute, where it takes precedence.',
      severity: 'info',
      at: { key: ['identity'] },
      fixes,
    });
  },
};

export default rule;
