/**
 * Transaction origins. Every change to a board's Y.Doc is tagged with where it came from,
 * so that storage never re-stores what it loaded and undo only tracks the local user's edits.
 */
export const LOCAL_ORIGIN = Symbol.for('discern.local');
export const STORAGE_ORIGIN = Symbol.for('discern.storage');
export const RESTORE_ORIGIN = Symbol.for('discern.restore');
/** The server bringing a stored board up to the current format when it loads; stored like any edit. */
export const MIGRATION_ORIGIN = Symbol.for('discern.migration');
