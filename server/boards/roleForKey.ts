import { Role } from '../../shared/protocol/ids';
import { secretsEqual } from '../secrets';
import type { StoredBoard } from '../storage/storage';

/** The role a key grants on a board, or null if the key is not one of the board's keys. */
export function roleForKey(board: StoredBoard, key: string): Role | null {
  // Check every key, in constant time each (whatever the guess's length), so timing tells neither
  // how close a guess came nor which role it came close to.
  const matches = {
    lead: secretsEqual(key, board.keys.lead),
    edit: secretsEqual(key, board.keys.edit),
    view: secretsEqual(key, board.keys.view),
  };
  if (matches.lead) return Role.Lead;
  if (matches.edit) return Role.Edit;
  if (matches.view) return Role.View;
  return null;
}
