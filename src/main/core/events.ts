/** The core's push events, typed by the contract's EventPayloads. Adapters forward them. */
import type { EventName, EventPayloads } from '../../shared/api/contract.ts';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly any = new Set<(event: EventName, payload: unknown) => void>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Every event, for adapters that forward them all (IPC, bridge). */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    this.any.add(listener);
    return () => this.any.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners.get(event) ?? []) safeCall(() => l(payload));
    for (const l of this.any) safeCall(() => l(event, payload));
  }
}

function safeCall(f: () => void): void {
  try {
    f();
  } catch (err) {
    // A listener's bug must not break the core's state changes.
    console.error('[events] listener failed:', err);
  }
}
