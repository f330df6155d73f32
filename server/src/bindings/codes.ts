import type { SeverityName } from '../core/types';

/**
 * Diagnostic codes of the binding checks, with their default severity and
 * what they mean. Severities follow what fails where: an error when
 * `az ml ... create` (the loader and `_validate()` of azure-ai-ml) or the
 * service rejects the spec, a warning when the spec is accepted but does not
 * do what it says.
 */
export const BINDING_CODES = {
  'binding-unresolved': {
    severity: 'error',
    description: 'A ${{ }} binding names an input, output, step or search-space parameter that does not exist where it is written.',
  },
  'command-binding-undeclared': {
    severity: 'error',
    description: 'A command uses ${{inputs.<name>}} or ${{outputs.<name>}} that its job or component does not declare.',
  },
  'optional-input-unbracketed': {
    severity: 'error',
    description: 'An optional component input is used in the command outside $[[ ]]; Azure ML rejects the command.',
  },
  'pipeline-output-undeclared': {
    severity: 'error',
    description: 'A step output is bound to ${{parent.outputs.<name>}} but the pipeline declares no such output.',
  },
  'step-name-invalid': {
    severity: 'error',
    description: 'A pipeline step name must be lower-case letters, digits and underscores, starting with a letter or underscore.',
  },
  'step-cycle': {
    severity: 'error',
    description: 'Pipeline steps bind to each other in a cycle, so none of them can start.',
  },
  'step-required-input-missing': {
    severity: 'error',
    description:
      "A step, or a pipeline job running a pipeline component, does not give a required input of its component (one that is neither optional nor has a default; for a pipeline job, one that the component's steps read).",
  },
  'step-unknown-io': {
    severity: 'warning',
    description:
      'A step, or a pipeline job running a pipeline component, sets an input or output that its component does not declare (the value goes nowhere).',
  },
  'step-input-value-invalid': {
    severity: 'warning',
    description:
      "A literal input of a step, or of a pipeline job running a pipeline component, does not fit the component input's type, allowed values or range.",
  },
  'step-io-mismatch': {
    severity: 'warning',
    description:
      "An input or output of a step, or of a pipeline job running a pipeline component, gives a type or mode that does not match the component's declaration.",
  },
  'pipeline-component-expected': {
    severity: 'error',
    description: "A pipeline job's component: names a local file that is not a pipeline component; the Azure ML loader rejects the job.",
  },
  'binding-context-unknown': {
    severity: 'warning',
    description:
      'A ${{ }} expression starts with a name that is not available where it is written (parent outside a pipeline step, search_space outside a sweep, an unknown name).',
  },
  'binding-single-brace': {
    severity: 'warning',
    description:
      'A reference such as ${inputs.x} or {inputs.x} lacks the double braces of ${{inputs.x}}: Azure ML does not replace it, and passes the text on as it is.',
  },
  'binding-syntax': {
    severity: 'warning',
    description: 'A ${{ }} or $[[ ]] expression is not closed, is empty, or is not a dotted name, so Azure ML leaves it as text.',
  },
} as const satisfies Record<string, { severity: SeverityName; description: string }>;

export type BindingCode = keyof typeof BINDING_CODES;
export const BINDING_CODE_IDS = Object.keys(BINDING_CODES) as BindingCode[];
