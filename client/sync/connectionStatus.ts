/** What the status badge shows. `offline` promises that edits are kept and will merge later. */
export const ConnectionStatus = {
  Connecting: 'connecting',
  Live: 'live',
  Offline: 'offline',
  Reconnected: 'reconnected',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

/** How long "reconnected" stays up before settling back to "live". */
export const RECONNECTED_NOTICE_MS = 4000;

/** The subset of WebsocketProvider events the status depends on. */
export interface StatusSource {
  on(event: 'status', listener: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void): void;
  on(event: 'sync', listener: (synced: boolean) => void): void;
  on(event: 'connection-close', listener: (...args: never[]) => void): void;
  off(event: 'status', listener: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void): void;
  off(event: 'sync', listener: (synced: boolean) => void): void;
  off(event: 'connection-close', listener: (...args: never[]) => void): void;
  readonly synced: boolean;
}

/**
 * Turns the provider's low-level events into the four states people understand. "Live" waits
 * for the first full sync, not just an open socket, so it means the board on screen is current.
 * Once a connection has failed, later attempts show "offline" rather than "connecting", because
 * that is what matters to the person: their edits are kept locally until the server is back.
 */
export class ConnectionStatusStore {
  private status: ConnectionStatus = ConnectionStatus.Connecting;
  private hasBeenLive = false;
  private hasFailed = false;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly source: StatusSource) {
    source.on('status', this.onStatus);
    source.on('sync', this.onSync);
    source.on('connection-close', this.onClose);
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onClose);
      window.addEventListener('online', this.onOnline);
    }
    if (source.synced) this.onSync(true);
  }

  destroy(): void {
    this.source.off('status', this.onStatus);
    this.source.off('sync', this.onSync);
    this.source.off('connection-close', this.onClose);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.onClose);
      window.removeEventListener('online', this.onOnline);
    }
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionStatus => this.status;

  private set(next: ConnectionStatus): void {
    if (next === this.status) return;
    this.status = next;
    for (const listener of [...this.listeners]) listener();
  }

  private readonly onStatus = (event: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    if (event.status === 'disconnected') this.onClose();
    // 'connected' alone is not live yet: the sync event decides.
  };

  private readonly onSync = (synced: boolean): void => {
    if (!synced) return;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    if (this.hasBeenLive && this.hasFailed) {
      this.set(ConnectionStatus.Reconnected);
      this.noticeTimer = setTimeout(() => {
        this.noticeTimer = null;
        if (this.status === ConnectionStatus.Reconnected) this.set(ConnectionStatus.Live);
      }, RECONNECTED_NOTICE_MS);
    } else {
      this.set(ConnectionStatus.Live);
    }
    this.hasBeenLive = true;
    this.hasFailed = false;
  };

  /** The browser can report offline without the socket closing; if it survived, we are live again. */
  private readonly onOnline = (): void => {
    if (this.source.synced) this.onSync(true);
  };

  private readonly onClose = (): void => {
    this.hasFailed = true;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    this.set(ConnectionStatus.Offline);
  };
}
