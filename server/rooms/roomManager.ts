import { CloseCode } from '../../shared/protocol/closeCodes';
import type { BoardStorage } from '../storage/storage';
import { Room, type Peer, type RoomOptions } from './room';

/**
 * The open boards of this process. A room is loaded when its first peer joins and unloaded
 * (stored, compacted, released) as soon as its last peer leaves.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly storage: BoardStorage,
    private readonly options: RoomOptions,
  ) {}

  /** The open room of a board, if any; used by REST routes that must see live state. */
  get(boardId: string): Room | undefined {
    const room = this.rooms.get(boardId);
    return room && !room.isClosed ? room : undefined;
  }

  get size(): number {
    return this.rooms.size;
  }

  join(boardId: string, peer: Peer): Room {
    const room = this.open(boardId);
    room.addPeer(peer);
    return room;
  }

  /** The board's room, loaded from storage if nobody has it open. */
  private open(boardId: string): Room {
    let room = this.get(boardId);
    if (!room) {
      room = new Room(boardId, this.storage, this.options);
      this.rooms.set(boardId, room);
    }
    return room;
  }

  leave(room: Room, peer: Peer): void {
    room.removePeer(peer);
    if (room.peerCount === 0) this.unload(room);
  }

  /**
   * Runs `fn` on the board's live room: the open one, or one loaded just for this call. What `fn`
   * changes is committed and forwarded to connected peers before this returns; a room opened here
   * is unloaded again (stored, compacted) if nobody joined meanwhile.
   */
  withRoom<T>(boardId: string, fn: (room: Room) => T): T {
    const room = this.open(boardId);
    try {
      return fn(room);
    } finally {
      room.flush();
      if (room.peerCount === 0) this.unload(room);
    }
  }

  private unload(room: Room): void {
    room.close();
    if (this.rooms.get(room.boardId) === room) this.rooms.delete(room.boardId);
  }

  /** Closes every peer (so clients reconnect elsewhere or later) and stores every room. */
  closeAll(): void {
    for (const room of [...this.rooms.values()]) {
      room.closePeers(CloseCode.GoingAway, 'server shutting down');
      this.unload(room);
    }
  }
}
