import type { RoomManager } from '../rooms/roomManager';
import type { Storage } from '../storage/storage';

/** Where a refusal worth an operator's eye is written (Fastify's pino logger is one). */
export interface RecordLog {
  warn(details: object, message: string): void;
}

/**
 * What the record jobs work with: the storage ports, the open rooms (a record of a board someone
 * has open is taken from the room, a restore goes through it) and a log. No HTTP in here: the
 * routes (plugins/recordsPlugin.ts) check access and turn the results into replies.
 */
export interface RecordDeps {
  readonly storage: Pick<Storage, 'boards' | 'updates' | 'records'>;
  readonly rooms: Pick<RoomManager, 'get' | 'withRoom'>;
  readonly log: RecordLog;
}
