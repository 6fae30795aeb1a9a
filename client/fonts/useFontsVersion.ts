import { useSyncExternalStore } from 'react';
import { fontsVersion, onFontsLoaded } from './noteFonts';

/** Re-renders the component whenever fonts finish loading; the value changes each time. */
export function useFontsVersion(): number {
  return useSyncExternalStore(onFontsLoaded, fontsVersion, fontsVersion);
}
