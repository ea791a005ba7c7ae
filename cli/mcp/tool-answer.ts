/** What a tool handler returns before the server wraps it as an MCP result. */
export interface ToolAnswer {
  /** The short summary for `content`. */
  readonly text: string;
  /** `structuredContent`, matching the tool's declared output schema. */
  readonly structured: Readonly<Record<string, unknown>>;
}
