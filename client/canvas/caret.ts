/**
 * Where a caret at `caret` in `before` belongs in `after`, when `after` came from someone else's
 * edit. Text changed entirely before the caret shifts it; a change after it leaves it alone.
 */
export function adjustCaret(before: string, after: string, caret: number): number {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (caret <= start) return caret;
  const removedEnd = before.length - end;
  if (caret >= removedEnd) return caret + (after.length - before.length);
  // The caret was inside the replaced span: put it at the end of what replaced it.
  return after.length - end;
}
