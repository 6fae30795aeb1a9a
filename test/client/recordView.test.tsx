// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { RecordView } from '../../client/records/recordView';
import { useRecordView } from '../../client/records/useRecordView';

/** A view load that resolves when the test says so, as a record arriving over the network. */
function deferredView(name: string) {
  const view = { banner: () => name } as RecordView;
  let arrive = () => {};
  const load = () => new Promise<RecordView>((resolve) => (arrive = () => resolve(view)));
  return { view, load, arrive: () => act(async () => arrive()) };
}

describe('useRecordView', () => {
  it('shows the view asked for last, even when an earlier one arrives after it', async () => {
    const hook = renderHook(() => useRecordView());
    const first = deferredView('first');
    const second = deferredView('second');
    let shown: Array<Promise<void>> = [];
    act(() => {
      shown = [hook.result.current.show(first.load), hook.result.current.show(second.load)];
    });
    await second.arrive();
    await first.arrive();
    await act(() => Promise.all(shown));
    expect(hook.result.current.current).toBe(second.view);
  });

  it('drops a load still on its way when cleared, and clears what is shown', async () => {
    const hook = renderHook(() => useRecordView());
    const shownFirst = deferredView('shown');
    await act(() => hook.result.current.show(() => Promise.resolve(shownFirst.view)));
    expect(hook.result.current.current).toBe(shownFirst.view);

    const late = deferredView('late');
    let pending: Promise<void> = Promise.resolve();
    act(() => {
      pending = hook.result.current.show(late.load);
    });
    act(() => hook.result.current.clear());
    expect(hook.result.current.current).toBeNull();
    await late.arrive();
    await act(() => pending);
    expect(hook.result.current.current).toBeNull();
  });
});
