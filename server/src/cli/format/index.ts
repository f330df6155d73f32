import type { ChunkedFormatter } from './common';
import { githubChunks } from './github';
import { jsonChunks } from './json';
import { sarifChunks } from './sarif';
import { stylishChunks } from './stylish';

/** The report of each `--format`, in pieces, as the CLI writes them. */
export const CHUNKED_FORMATTERS: Record<string, ChunkedFormatter> = {
  stylish: stylishChunks,
  json: jsonChunks,
  sarif: sarifChunks,
  github: githubChunks,
};
export type { ChunkedFormatter, ReportInput } from './common';
export { countAll } from './common';
