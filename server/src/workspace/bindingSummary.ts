import type { Range } from '../core/types';

/**
 * What the workspace index keeps of a job's or component's bindings: data
 * only. `bindings/summary.ts` computes it, `bindings/model.ts` reads it back
 * for other files; the workspace stores it without depending on bindings.
 */

export type Io = 'inputs' | 'outputs';

/** The index's record of a component file's interface (see summary.ts). */
export interface PortSummary {
  name: string;
  range: Range;
  type?: string;
  optional?: boolean;
  hasDefault?: boolean;
  defaultValue?: unknown;
  description?: string;
  mode?: string;
  enum?: unknown[];
  min?: number;
  max?: number;
}

export interface UseSummary {
  io: Io;
  name: string;
  range: Range;
}

export interface StepSummary {
  name: string;
  range: Range;
  /** Resolved URI of the local component file the step runs. */
  component: string;
  inputs: Array<{ name: string; range: Range }>;
  outputs: Array<{ name: string; range: Range }>;
}

export interface StepBindingSummary {
  step: string;
  io: Io;
  name: string;
  range: Range;
}

/** What the workspace index keeps of a job's or component's bindings. */
export interface BindingSummary {
  inputs: PortSummary[];
  outputs: PortSummary[];
  /** Uses of its own inputs and outputs (`${{inputs.x}}` in its command; `${{parent.inputs.x}}` in a pipeline component's steps). */
  uses: UseSummary[];
  /** Steps that run a local component file (pipelines). */
  steps: StepSummary[];
  /** `${{parent.jobs.<step>.inputs|outputs.<name>}}` in the pipeline. */
  stepBindings: StepBindingSummary[];
  /**
   * Pipeline components: the pipeline inputs its steps bind as step inputs
   * (`${{parent.inputs.x}}`); a pipeline job running the component must give
   * those that are required (azure-ai-ml `PipelineJob._validate_input`).
   */
  parentInputReads?: string[];
  /** A pipeline job that runs a local component file (`component: ./x.yml`): the file and the inputs and outputs the job sets. */
  component?: { uri: string; inputs: Array<{ name: string; range: Range }>; outputs: Array<{ name: string; range: Range }> };
  name?: string;
  version?: string;
  type?: string;
  description?: string;
}
