/**
 * How the room's news reaches the connections: the session logic publishes to a class's topic,
 * and whoever holds that class's sockets subscribes. One server needs no more than a local
 * fan-out; several would put a publish/subscribe service here (Redis, PostgreSQL's
 * LISTEN/NOTIFY: see docs/classroom.md) and nothing else would change.
 */
export type Listener<M> = (message: M) => void;

export interface Channel<M> {
  publish(topic: string, message: M): void;
  /** Returns the function that stops listening. */
  subscribe(topic: string, listener: Listener<M>): () => void;
}

/** The channel of one process: a publish calls each listener of the topic, in order. */
export function localChannel<M>(): Channel<M> {
  const topics = new Map<string, Set<Listener<M>>>();
  return {
    publish(topic, message) {
      for (const listener of topics.get(topic) ?? []) listener(message);
    },
    subscribe(topic, listener) {
      const listeners = topics.get(topic) ?? new Set();
      topics.set(topic, listeners.add(listener));
      return () => void listeners.delete(listener);
    },
  };
}
