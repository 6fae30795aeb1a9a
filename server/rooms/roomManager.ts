import { CloseCode } from '../../shared/protocol/closeCodes';
import { Room, type RoomOptions } from './room';
import type { Connection } from './connection';
import type { RoomStorage } from './storedBoard';

/**
 * The open boards of this process. A room is loaded when its first connection joins and unloaded
 * (stored, compacted, released) as soon as its last connection leaves. Loading and unloading take time
 * (storage is asynchronous): joins of a board that is loading wait for that same load, and a join
 * of a board that is being unloaded waits until it is stored, then loads it afresh.
 */
/** A join that arrived, or finished loading, after the server began shutting down. */
export class ShuttingDown extends Error {
  override readonly name = 'ShuttingDown';
  constructor() {
    super('server shutting down');
  }
}

export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** REST calls working on a room (withRoom): it stays loaded until they are done. */
  private readonly pins = new Map<Room, number>();
  private shuttingDown = false;

  constructor(
    private readonly storage: RoomStorage,
    private readonly options: RoomOptions,
  ) {}

  /** The open room of a board, if any; used by REST routes that must see live state. */
  get(boardId: string): Room | undefined {
    const room = this.rooms.get(boardId);
    return room && !room.isClosed ? room : undefined;
  }

  /** Rooms open or still being stored as they unload. */
  get size(): number {
    return this.rooms.size + this.unloading.size;
  }

  /** Adds the connection to the board's room, loading it first if needed; rejects if storage fails. */
  join(boardId: string, connection: Connection): Promise<Room> {
    return this.open(boardId, (room) => {
      // A socket whose board finished loading after closeAll would stay open and hold the server up.
      if (this.shuttingDown) throw new ShuttingDown();
      room.addConnection(connection);
      return room;
    });
  }

  /**
   * Calls `use` with the board's room, loaded if nobody has it open, in the same turn as the room
   * is found open, so that it cannot be unloaded in between.
   */
  private async open<T>(boardId: string, use: (room: Room) => T): Promise<T> {
    for (;;) {
      const unloading = this.unloading.get(boardId);
      if (unloading) {
        await unloading;
        continue;
      }
      const open = this.get(boardId);
      if (open) return use(open);
      let loading = this.loading.get(boardId);
      if (!loading) {
        loading = Room.load(boardId, this.storage, this.options).finally(() => this.loading.delete(boardId));
        this.loading.set(boardId, loading);
        const loaded = await loading;
        this.rooms.set(boardId, loaded);
        return use(loaded);
      }
      const loaded = await loading;
      // The loader's continuation ran first and registered it; check it is still open.
      if (this.get(boardId) === loaded) return use(loaded);
    }
  }

  leave(room: Room, connection: Connection): void {
    room.removeConnection(connection);
    this.unloadIfUnused(room);
  }

  /**
   * Runs `fn` on the board's live room: the open one, or one loaded just for this call. What `fn`
   * changes is committed and forwarded to connected clients before this resolves; a room opened here
   * is unloaded again (stored, compacted) if nobody joined meanwhile, `holdOpenMs` after `fn` is
   * done (at once by default): a page that fetched the board's state joins its room moments later.
   */
  async withRoom<T>(boardId: string, fn: (room: Room) => T | Promise<T>, { holdOpenMs = 0 } = {}): Promise<T> {
    const room = await this.open(boardId, (opened) => {
      this.pins.set(opened, (this.pins.get(opened) ?? 0) + 1);
      return opened;
    });
    const unpin = (): void => {
      const left = (this.pins.get(room) ?? 1) - 1;
      if (left > 0) this.pins.set(room, left);
      else this.pins.delete(room);
      this.unloadIfUnused(room);
    };
    try {
      return await fn(room);
    } finally {
      await room.flush();
      if (holdOpenMs > 0 && !this.shuttingDown) setTimeout(unpin, holdOpenMs).unref();
      else unpin();
    }
  }

  private unloadIfUnused(room: Room): void {
    if (room.connectionCount === 0 && !this.pins.has(room)) void this.unload(room);
  }

  private unload(room: Room): Promise<void> {
    if (this.rooms.get(room.boardId) !== room) return room.close();
    this.rooms.delete(room.boardId);
    const unloading = room.close().finally(() => {
      if (this.unloading.get(room.boardId) === unloading) this.unloading.delete(room.boardId);
    });
    this.unloading.set(room.boardId, unloading);
    return unloading;
  }

  /** Closes every connection (so clients reconnect elsewhere or later) and stores every room. */
  async closeAll(): Promise<void> {
    this.shuttingDown = true;
    // Boards still loading for a join: their joins are refused, and the rooms stored like the rest.
    await Promise.allSettled([...this.loading.values()]);
    const closing: Promise<void>[] = [];
    for (const room of [...this.rooms.values()]) {
      room.closeConnections(CloseCode.GoingAway, 'server shutting down');
      closing.push(this.unload(room));
    }
    await Promise.all([...closing, ...this.unloading.values()]);
    // Joins refused while closing; a later join (a test, a restart in place) loads the board afresh.
    this.shuttingDown = false;
  }
}
