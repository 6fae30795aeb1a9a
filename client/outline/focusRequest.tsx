import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode, type RefObject } from 'react';

/**
 * A wish to move keyboard focus to a control that may not be rendered yet: the outline is virtual,
 * so the control's row is scrolled into view first, and the control takes focus once it mounts.
 */
export interface FocusRequest {
  /** Key of the element that should take focus, e.g. `move:<noteId>`, `heading:need`, `note:<noteId>`. */
  target: string;
  /** Key of the outline row that holds it (a note id, or `zone:<zone>` for a zone's header). */
  row: string;
  /** For `note:` targets: the test id of the control to land on in that note, when it has one. */
  control?: string;
}

/**
 * The pending focus request, as a tiny store: each target subscribes to whether it is the one
 * asked for, so a request re-renders that one control rather than every row of the outline.
 */
export class FocusRequests {
  private current: FocusRequest | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): FocusRequest | null => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  request(request: FocusRequest): void {
    this.current = request;
    this.emit();
  }

  /** The target took focus (or is gone): the request is settled. */
  done(target: string): void {
    if (this.current?.target !== target) return;
    this.current = null;
    this.emit();
  }

  clear(): void {
    if (!this.current) return;
    this.current = null;
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const FocusContext = createContext<FocusRequests>(new FocusRequests());

export function FocusRequestProvider({ requests, children }: { requests: FocusRequests; children: ReactNode }) {
  return <FocusContext.Provider value={requests}>{children}</FocusContext.Provider>;
}

export function useFocusRequests(): FocusRequests {
  return useContext(FocusContext);
}

/** Whether `target` is the element currently asked to take focus; re-renders only when that flips. */
export function useIsFocusRequested(target: string): boolean {
  const requests = useFocusRequests();
  const get = () => requests.get()?.target === target;
  return useSyncExternalStore(requests.subscribe, get, get);
}

/**
 * A ref for an element that may be asked to take focus by key. Moving or deleting a note unmounts
 * the control the person was using; without this their keyboard focus would fall back to the page.
 */
export function useFocusTarget<T extends HTMLElement>(key: string): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const requests = useFocusRequests();
  const wanted = useIsFocusRequested(key);
  useEffect(() => {
    if (wanted && ref.current) {
      ref.current.focus();
      requests.done(key);
    }
  }, [wanted, key, requests]);
  return ref;
}
