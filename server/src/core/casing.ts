/** The casing transforms of the Azure ML loader (azure.ai.ml._utils.utils), by their `x-casing` names. */

const camelToSnakeOne = (t: string) =>
  t
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();

/**
 * The CLI's `camel_to_snake` (azure.ai.ml._utils.utils): a comma-separated
 * value is split, each part trimmed and converted, and the parts re-joined
 * with "," (`SystemAssigned, UserAssigned` is `system_assigned,user_assigned`).
 */
const camelToSnake = (t: string) =>
  t.includes(',')
    ? t
        .split(',')
        .map((p) => camelToSnakeOne(p.trim()))
        .join(',')
    : camelToSnakeOne(t);

/** The CLI's `snake_to_pascal`: each comma-separated part capitalised word by word, underscores dropped (`disabled` is `Disabled`). */
const snakeToPascal = (t: string) =>
  t
    .split(',')
    .map((part) =>
      part
        .replace(/_/g, ' ')
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
        .join(''),
    )
    .join(',');

/**
 * The casing transforms of the loader's `StringTransformedEnum` fields, by
 * the `x-casing` value that names them: the loader applies the transform to
 * the value and to the allowed values before comparing. `x-casing: "exact"`
 * (no transform) is the other legal value.
 */
export const CASING: Record<string, (t: string) => string> = {
  lower: (t) => t.toLowerCase(),
  camelToSnake,
  snakeToPascal,
  snakeToKebab: (t) => t.replace(/_/g, '-'),
};

/** Every legal `x-casing` value. */
export const CASING_NAMES = ['exact', ...Object.keys(CASING)];
