// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { TFunction } from '../../client/i18n';
import { shareLinksFor } from '../../client/screen/shareLinks';
import type { BoardInfo } from '../../client/sync/api';

// The key names stand in for the words: the policy is which links, of which kind, to which address.
const t = ((key: string) => key) as unknown as TFunction;
const origin = window.location.origin;
const info = (role: BoardInfo['role'], links?: BoardInfo['links']): BoardInfo => ({ id: 'b1', title: 'Board', createdAt: 0, role, ...(links ? { links } : {}) });

describe('shareLinksFor', () => {
  const cases: Array<{ name: string; info: BoardInfo | null; expected: Array<[string, string]> }> = [
    { name: 'a participant, before the board info arrives', info: null, expected: [['edit', `${origin}/b/b1#k=mine`]] },
    {
      name: 'a leader with the server’s links',
      info: info('lead', { edit: '/b/b1#k=e', view: '/b/b1#k=v', lead: '/b/b1#k=l' }),
      expected: [
        ['edit', `${origin}/b/b1#k=e`],
        ['view', `${origin}/b/b1#k=v`],
        ['lead', `${origin}/b/b1#k=l`],
      ],
    },
    { name: 'a leader without links: their own key, never labelled a participant’s', info: info('lead'), expected: [['lead', `${origin}/b/b1#k=mine`]] },
    { name: 'a viewer', info: info('view'), expected: [['view', `${origin}/b/b1#k=mine`]] },
  ];
  for (const { name, info: given, expected } of cases) {
    it(name, () => {
      expect(shareLinksFor('b1', 'mine', given, t).map((link) => [link.kind, link.url])).toEqual(expected);
    });
  }
});
