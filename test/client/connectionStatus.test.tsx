// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { ObservableV2 } from 'lib0/observable';
import { useConnectionStatus } from '../../client/board/useConnectionStatus';
import { ConnectionStatusStore, RECONNECTED_NOTICE_MS, type StatusSource } from '../../client/sync/connectionStatus';

type Events = {
  status: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void;
  sync: (synced: boolean) => void;
  'connection-close': () => void;
};

/** Emits the same events as WebsocketProvider, in the order it emits them. */
class FakeProvider extends ObservableV2<Events> implements StatusSource {
  synced = false;
  connect(): void {
    this.emit('status', [{ status: 'connecting' }]);
    this.emit('status', [{ status: 'connected' }]);
    this.synced = true;
    this.emit('sync', [true]);
  }
  drop(): void {
    this.emit('connection-close', []);
    this.synced = false;
    this.emit('sync', [false]);
    this.emit('status', [{ status: 'disconnected' }]);
  }
  failAttempt(): void {
    this.emit('status', [{ status: 'connecting' }]);
    this.emit('connection-close', []);
  }
}

afterEach(() => vi.useRealTimers());

function setup() {
  const provider = new FakeProvider();
  const store = new ConnectionStatusStore(provider);
  const hook = renderHook(() => useConnectionStatus(store));
  return { provider, store, hook };
}

describe('useConnectionStatus', () => {
  it('is connecting until the first sync, then live', () => {
    const { provider, hook } = setup();
    expect(hook.result.current).toBe('connecting');
    act(() => provider.emit('status', [{ status: 'connected' }]));
    expect(hook.result.current).toBe('connecting');
    act(() => provider.connect());
    expect(hook.result.current).toBe('live');
  });

  it('shows offline when the connection drops and stays offline through failed retries', () => {
    const { provider, hook } = setup();
    act(() => provider.connect());
    act(() => provider.drop());
    expect(hook.result.current).toBe('offline');
    act(() => provider.failAttempt());
    act(() => provider.failAttempt());
    expect(hook.result.current).toBe('offline');
  });

  it('shows reconnected after coming back, then settles to live', () => {
    vi.useFakeTimers();
    const { provider, hook } = setup();
    act(() => provider.connect());
    act(() => provider.drop());
    act(() => provider.connect());
    expect(hook.result.current).toBe('reconnected');
    act(() => vi.advanceTimersByTime(RECONNECTED_NOTICE_MS + 10));
    expect(hook.result.current).toBe('live');
  });

  it('treats a server that cannot be reached at all as offline, not forever connecting', () => {
    const { provider, hook } = setup();
    act(() => provider.failAttempt());
    expect(hook.result.current).toBe('offline');
    act(() => provider.connect());
    expect(hook.result.current).toBe('live');
  });

  it('goes offline when the browser does, and back when the socket survived', () => {
    const { provider, hook } = setup();
    act(() => provider.connect());
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(hook.result.current).toBe('offline');
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(hook.result.current).toBe('reconnected');
  });

  it('stops listening when destroyed', () => {
    const { provider, store, hook } = setup();
    store.destroy();
    act(() => provider.connect());
    expect(hook.result.current).toBe('connecting');
  });
});
