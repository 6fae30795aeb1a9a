import { describe, expect, it } from 'vitest';
import { MAX_CURSOR_COORDINATE, MAX_PEER_NAME, readPresence, UNNAMED_PEER } from '../../client/board/presence';
import { PERSON_COLORS, personColor } from '../../shared/board/colors';

const user = { name: 'Ana', color: '#d81b60', role: 'edit' };

describe('reading a peer’s presence defensively', () => {
  it('reads a well-formed state as it is', () => {
    const state = { user, cursor: { x: 10, y: -20 }, editing: 'note-1', selection: ['note-1', 'note-2'], viewport: null, follow: false, summon: null };
    expect(readPresence(5, state)).toEqual({ clientId: 5, ...state });
  });

  it.each([
    'url(https://evil.example/x.png)',
    'red',
    '#fff',
    '#12345g',
    '#1234567',
    'expression(alert(1))',
    '#d81b60; background-image: url(x)',
    42,
    null,
  ])('replaces the colour %j with one derived from the client id', (color) => {
    const read = readPresence(12345, { user: { ...user, color } });
    expect(read?.user.color).toBe(personColor('12345'));
    expect(PERSON_COLORS).toContain(read?.user.color);
  });

  it('trims names, drops control characters and bounds the length', () => {
    expect(readPresence(1, { user: { ...user, name: '  Ana  ' } })?.user.name).toBe('Ana');
    expect(readPresence(1, { user: { ...user, name: 'A\u0000n\na\u2028' } })?.user.name).toBe('A n a');
    expect(readPresence(1, { user: { ...user, name: 'x'.repeat(100_000) } })?.user.name).toBe('x'.repeat(MAX_PEER_NAME));
    expect(readPresence(1, { user: { ...user, name: ' \t ' } })?.user.name).toBe(UNNAMED_PEER);
    // An emoji at the cut stays whole.
    const emoji = `${'x'.repeat(MAX_PEER_NAME - 1)}😀😀`;
    expect(readPresence(1, { user: { ...user, name: emoji } })?.user.name).toBe(`${'x'.repeat(MAX_PEER_NAME - 1)}😀`);
  });

  it.each([
    { name: 'no user', state: { cursor: { x: 1, y: 1 } } },
    { name: 'a user that is a string', state: { user: 'Ana' } },
    { name: 'a user that is an array', state: { user: ['Ana', '#d81b60', 'lead'] } },
    { name: 'a number for a name', state: { user: { ...user, name: 7 } } },
    { name: 'an unknown role', state: { user: { ...user, role: 'admin' } } },
    { name: 'a state that is an array', state: [user] },
    { name: 'null', state: null },
  ])('skips a peer with $name', ({ state }) => {
    expect(readPresence(1, state)).toBeNull();
  });

  it.each([
    { name: 'NaN', cursor: { x: Number.NaN, y: 0 } },
    { name: 'Infinity', cursor: { x: 0, y: Number.POSITIVE_INFINITY } },
    { name: 'far beyond any board', cursor: { x: MAX_CURSOR_COORDINATE * 10, y: 0 } },
    { name: 'strings', cursor: { x: '1', y: '2' } },
  ])('ignores a cursor with $name', ({ cursor }) => {
    expect(readPresence(1, { user, cursor })?.cursor).toBeNull();
  });

  it('keeps only plausible note ids in editing and selection', () => {
    const read = readPresence(1, { user, editing: 'x'.repeat(1000), selection: ['a', 5, '', 'x'.repeat(1000), { id: 'b' }, 'c'] });
    expect(read?.editing).toBeNull();
    expect(read?.selection).toEqual(['a', 'c']);
    expect(readPresence(1, { user, selection: 'a' })?.selection).toEqual([]);
  });
});
