/** A test's WebSocket client of the classroom server: sends messages, waits for the one it expects. */
import WebSocket from 'ws';
import { CLASSROOM_WS, type ServerMessage } from '../../../src/shared/classroom.ts';

export interface TestClient {
  ws: WebSocket;
  received: ServerMessage[];
  send(message: unknown): void;
  sendRaw(text: string | Buffer): void;
  /** The next message (after those already taken) that satisfies `match`. */
  next<T extends ServerMessage['type']>(type: T, match?: (m: Extract<ServerMessage, { type: T }>) => boolean, timeout?: number): Promise<Extract<ServerMessage, { type: T }>>;
  close(): void;
}

export async function connectClient(base: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const url = base.replace(/^http/, 'ws').replace(/\/$/, '') + CLASSROOM_WS;
  const ws = new WebSocket(url, { headers: { origin: base.replace(/\/$/, ''), ...headers } });
  const received: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  let taken = 0;
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as ServerMessage);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
  return {
    ws,
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    sendRaw: (text) => ws.send(text),
    async next(type, match = () => true, timeout = 3000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        for (let i = taken; i < received.length; i++) {
          const m = received[i]!;
          if (m.type === type && match(m as never)) {
            taken = i + 1;
            return m as never;
          }
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${type}" message came; received: ${JSON.stringify(received.slice(taken)).slice(0, 800)}`);
        await new Promise<void>((done) => {
          const timer = setTimeout(done, left);
          waiters.push(() => {
            clearTimeout(timer);
            done();
          });
        });
      }
    },
    close: () => ws.close(),
  };
}
