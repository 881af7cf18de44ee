/**
 * The teacher's one WebSocket to the class server: it says `teach` on every (re)connection,
 * since the server only knows the teacher by that first message and the cookie sent with it,
 * and comes back by itself after a drop (0.5 s, doubling to 5 s) so a flaky room network
 * never needs a reload in front of the class.
 */
import type { ServerMessage, TeacherAction } from '../../shared/classroom.ts';

/**
 * `CLASSROOM_WS` of `shared/classroom.ts`, written out (the unit test holds them equal): a value
 * imported from there brings valibot, which the deck uses too, into a chunk shared with the
 * self-study deck's first script.
 */
export const TEACHER_WS_PATH = '/classroom/ws';

/** What the panel needs of a WebSocket: tests pass a fake with the same shape. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface TeacherConnection {
  send(action: TeacherAction): void;
  stop(): void;
}

const FIRST_DELAY = 500;
const LONGEST_DELAY = 5000;

/** The WebSocket's address on the page's own host, `wss:` when the page came over https. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${TEACHER_WS_PATH}`;
}

export function connectTeacher(options: {
  url: string;
  /** The deck's language: a class not yet asked anything takes it, so phones that join show it. */
  lang: string;
  open: SocketFactory;
  onMessage: (message: ServerMessage) => void;
  onStatus: (status: ConnectionStatus) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
}): TeacherConnection {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  let socket: SocketLike | undefined;
  let delay = FIRST_DELAY;
  let stopped = false;

  const connect = () => {
    const current = options.open(options.url);
    socket = current;
    current.onopen = () => {
      delay = FIRST_DELAY;
      current.send(JSON.stringify({ type: 'teach', lang: options.lang }));
      options.onStatus('connected');
    };
    current.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        options.onMessage(JSON.parse(event.data) as ServerMessage);
      } catch {
        // Not JSON: the server never sends that; nothing to show for it.
      }
    };
    current.onclose = () => {
      if (stopped || socket !== current) return;
      options.onStatus('reconnecting');
      setTimer(connect, delay);
      delay = Math.min(delay * 2, LONGEST_DELAY);
    };
  };

  options.onStatus('connecting');
  connect();
  return {
    send(action) {
      socket?.send(JSON.stringify(action));
    },
    stop() {
      stopped = true;
      socket?.close();
    },
  };
}
