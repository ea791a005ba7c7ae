import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { SERVER_INSTRUCTIONS, serverVersion, TOOL_DEFINITIONS } from './tool-schemas.js';

// The protocol versions the SDK's legacy (2024–2025) path accepts, newest first; an `initialize` asking for
// another one (or the 2026 handshake) goes straight to the SDK.
const EARLY_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

type Message = JSONRPCMessage & { readonly id?: string | number; readonly method?: string; readonly params?: Record<string, unknown> };

/**
 * The transport the SDK server is connected to once it is loaded: messages read before that are replayed into
 * it, and its answer to the replayed `initialize` (already answered) is dropped.
 */
class HandoverTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private swallow: string | number | undefined;

  constructor(private readonly write: (message: unknown) => void) {}

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    const id = (message as Message).id;
    if (id !== undefined && id === this.swallow && !('method' in message)) {
      this.swallow = undefined;
      return;
    }
    this.write(message);
  }

  async close(): Promise<void> {
    this.onclose?.();
  }

  replayInitialize(message: Message): void {
    this.swallow = message.id;
    this.onmessage?.(message);
  }
}


/**
 * `perf-standards mcp` over stdio. Loading the MCP SDK costs most of a server's start, and an editor's first
 * requests (`initialize`, `tools/list`) have static answers, so those are answered here, from the same
 * definitions the SDK server registers (a test checks both answers are identical). The first other message
 * loads the SDK, replays the handshake into it, and from then on the SDK serves everything.
 * @performance start to tool list: Node's own start plus reading package.json; the SDK loads on the first
 * tool call, ESLint and TypeScript on the calls that need them.
 */
export async function serveStdio(cwd: string, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const write = (message: unknown): void => {
    output.write(`${JSON.stringify(message)}\n`);
  };
  let initialize: Message | undefined;
  let initialized: Message | undefined;
  let transport: HandoverTransport | undefined;
  let loading: Promise<HandoverTransport> | undefined;
  let closing: (() => Promise<void>) | undefined;

  const handOver = (): Promise<HandoverTransport> => {
    loading ??= (async (): Promise<HandoverTransport> => {
      const { createPerfStandardsServer } = await import('./server.js');
      const server = createPerfStandardsServer(cwd);
      const handover = new HandoverTransport(write);
      await server.connect(handover);
      closing = (): Promise<void> => server.close();
      if (initialize !== undefined) handover.replayInitialize(initialize);
      if (initialized !== undefined) handover.onmessage?.(initialized);
      transport = handover;
      return handover;
    })();
    return loading;
  };

  const answerEarly = (message: Message): boolean => {
    if (transport !== undefined || loading !== undefined) return false;
    if (message.method === 'initialize' && message.id !== undefined && initialize === undefined) {
      const requested = message.params?.['protocolVersion'];
      if (typeof requested !== 'string' || !EARLY_VERSIONS.includes(requested)) return false;
      initialize = message;
      write({
        jsonrpc: '2.0',
        id: message.id,
        result: {
          protocolVersion: requested,
          capabilities: { tools: { listChanged: true } },
          serverInfo: { name: 'perf-standards', version: serverVersion() },
          instructions: SERVER_INSTRUCTIONS,
        },
      });
      return true;
    }
    if (initialize === undefined) return false;
    if (message.method === 'notifications/initialized' && message.id === undefined) {
      initialized = message;
      return true;
    }
    if (message.method === 'tools/list' && message.id !== undefined && message.params?.['cursor'] === undefined) {
      const tools = TOOL_DEFINITIONS.map(({ name, title, description, inputSchema, outputSchema }) => ({ name, title, description, inputSchema, outputSchema }));
      write({ jsonrpc: '2.0', id: message.id, result: { tools } });
      return true;
    }
    if (message.method === 'ping' && message.id !== undefined) {
      write({ jsonrpc: '2.0', id: message.id, result: {} });
      return true;
    }
    return false;
  };

  // Messages are handled in arrival order: while the SDK loads, later ones wait behind it.
  let queue: Promise<void> = Promise.resolve();
  const receive = (line: string): void => {
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      write({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: not JSON: ${line.slice(0, 80)}` } });
      return;
    }
    queue = queue.then(async (): Promise<void> => {
      if (answerEarly(message)) return;
      (transport ?? (await handOver())).onmessage?.(message);
    });
  };

  await new Promise<void>((resolve: () => void): void => {
    let buffer = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string): void => {
      buffer += chunk;
      for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline).replace(/\r$/u, '');
        buffer = buffer.slice(newline + 1);
        if (line.trim() !== '') receive(line);
      }
    });
    input.on('end', resolve);
    input.on('close', resolve);
  });
  // The client is gone: let the calls already running finish their answers, then close the SDK server.
  await queue;
  await closing?.();
}
