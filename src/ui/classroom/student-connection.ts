/**
 * The students' page's one WebSocket, kept open: a phone that sleeps, a server that restarts or a
 * network that drops must come back by itself, so a closed socket is opened again after a wait
 * that grows from 0.5 s to 5 s (a room of thirty phones does not hammer a restarting server), and
 * at once when the phone wakes or comes back online.
 */
import type { ClientMessage, ServerMessage } from '../../shared/classroom.ts';

/** What the page needs of a WebSocket: tests pass a fake one. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'message', listener: (event: { data?: unknown }) => void): void;
}

export type OpenSocket = (url: string) => SocketLike;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectionEvents {
  /** A socket is open (the first or a new one): the page joins (again) now. */
  onOpen(): void;
  onMessage(message: ServerMessage): void;
  /** The socket closed and another is being tried. */
  onLost(): void;
}

const FIRST_WAIT = 500;
const LONGEST_WAIT = 5000;
const OPEN = 1;

/** The wait before the n-th attempt in a row (from 0): 0.5 s, 1 s, 2 s, 4 s, then 5 s. */
export const backOff = (attempt: number) => Math.min(LONGEST_WAIT, FIRST_WAIT * 2 ** attempt);

export function createConnection(url: string, open: OpenSocket, events: ConnectionEvents, timers: Timers = globalThis) {
  let socket: SocketLike | undefined;
  let failures = 0;
  let retry: unknown;
  let stopped = false;

  const connect = () => {
    retry = undefined;
    const current = open(url);
    socket = current;
    current.addEventListener('open', () => {
      failures = 0;
      events.onOpen();
    });
    current.addEventListener('message', (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      events.onMessage(message);
    });
    current.addEventListener('close', () => {
      // An older socket closing late must not start a second line of retries.
      if (stopped || socket !== current) return;
      socket = undefined;
      events.onLost();
      retry = timers.setTimeout(connect, backOff(failures++));
    });
  };

  return {
    start: connect,
    /** Sends at once if the socket is open; says whether it was. */
    send(message: ClientMessage): boolean {
      if (socket?.readyState !== OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    /** The phone woke or came back online: try now rather than at the end of the wait. */
    hurry() {
      if (stopped || retry === undefined) return;
      timers.clearTimeout(retry);
      connect();
    },
    stop() {
      stopped = true;
      if (retry !== undefined) timers.clearTimeout(retry);
      socket?.close();
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;
