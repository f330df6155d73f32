import type { ChunkedFormatter, Formatter } from './common';
import { github, githubChunks } from './github';
import { json, jsonChunks } from './json';
import { sarif, sarifChunks } from './sarif';
import { stylish, stylishChunks } from './stylish';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, github };
/** The same reports in pieces, as the CLI writes them. */
export const CHUNKED_FORMATTERS: Record<string, ChunkedFormatter> = { stylish: stylishChunks, json: jsonChunks, sarif: sarifChunks, github: githubChunks };
export type { ChunkedFormatter, Formatter, ReportInput } from './common';
export { countAll } from './common';
