// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { encodeOwnAwarenessUpdate, type AwarenessChanges } from '../../client/sync/ownAwareness';

const made: Awareness[] = [];
function awareness(): Awareness {
  const instance = new Awareness(new Y.Doc());
  made.push(instance);
  return instance;
}
afterEach(() => {
  for (const instance of made.splice(0)) instance.destroy();
});

/** Records what a provider would send for every awareness update, using the filter under test. */
function outbox(source: Awareness): Uint8Array[] {
  const sent: Uint8Array[] = [];
  source.on('update', (changes: AwarenessChanges) => {
    const update = encodeOwnAwarenessUpdate(source, changes);
    if (update) sent.push(update);
  });
  return sent;
}

describe('encodeOwnAwarenessUpdate', () => {
  it('sends nothing when only other people changed', () => {
    const ana = awareness();
    const ben = awareness();
    ben.setLocalState({ user: { name: 'Ben' }, cursor: { x: 1, y: 2 } });
    const sentByAna = outbox(ana);
    applyAwarenessUpdate(ana, encodeAwarenessUpdate(ben, [ben.clientID]), 'remote');
    ben.setLocalStateField('cursor', { x: 5, y: 6 });
    applyAwarenessUpdate(ana, encodeAwarenessUpdate(ben, [ben.clientID]), 'remote');
    expect(ana.getStates().get(ben.clientID)).toMatchObject({ cursor: { x: 5, y: 6 } });
    expect(sentByAna).toEqual([]);
  });

  it("sends this client's own state, and only it, when it changes", () => {
    const ana = awareness();
    const ben = awareness();
    ben.setLocalState({ user: { name: 'Ben' } });
    applyAwarenessUpdate(ana, encodeAwarenessUpdate(ben, [ben.clientID]), 'remote');
    const sentByAna = outbox(ana);
    ana.setLocalState({ user: { name: 'Ana' }, cursor: { x: 10, y: 20 } });
    expect(sentByAna).toHaveLength(1);

    const listener = awareness();
    applyAwarenessUpdate(listener, sentByAna[0]!, 'remote');
    const heard = [...listener.getStates().keys()].filter((id) => id !== listener.clientID);
    expect(heard).toEqual([ana.clientID]);
    expect(listener.getStates().get(ana.clientID)).toMatchObject({ cursor: { x: 10, y: 20 } });
  });

  it('sends the removal of its own state so others drop the cursor at once', () => {
    const ana = awareness();
    ana.setLocalState({ user: { name: 'Ana' } });
    const listener = awareness();
    applyAwarenessUpdate(listener, encodeAwarenessUpdate(ana, [ana.clientID]), 'remote');
    const sentByAna = outbox(ana);
    ana.setLocalState(null);
    expect(sentByAna).toHaveLength(1);
    applyAwarenessUpdate(listener, sentByAna[0]!, 'remote');
    expect(listener.getStates().has(ana.clientID)).toBe(false);
  });
});
