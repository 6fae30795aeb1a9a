import { createContext, useContext, useEffect, useRef, type ReactNode, type RefObject } from 'react';

interface FocusRequests {
  /** Key of the element that should take focus once it is rendered, e.g. `move:<noteId>`. */
  request: string | null;
  done(): void;
}

const FocusContext = createContext<FocusRequests>({ request: null, done: () => {} });

export function FocusRequestProvider({ request, done, children }: FocusRequests & { children: ReactNode }) {
  return <FocusContext.Provider value={{ request, done }}>{children}</FocusContext.Provider>;
}

/**
 * A ref for an element that may be asked to take focus by key. Moving or deleting a note unmounts
 * the control the person was using; without this their keyboard focus would fall back to the page.
 */
export function useFocusTarget<T extends HTMLElement>(key: string): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const { request, done } = useContext(FocusContext);
  useEffect(() => {
    if (request === key && ref.current) {
      ref.current.focus();
      done();
    }
  }, [request, key, done]);
  return ref;
}
