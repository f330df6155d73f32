/**
 * Data exchanged between the VS Code client and the server besides LSP's own
 * messages. The client imports this file only (type-only); it imports nothing.
 */

/** A starter spec: the result items of the `aml-yaml/starters` request. */
export interface Starter {
  id: string;
  label: string;
  description: string;
  kind: string;
  /** A VS Code snippet (tab stops `${1:...}`). */
  snippet: string;
}
