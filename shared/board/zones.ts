/**
 * The three discernment zones and their place on the board. Zones are columns side by side;
 * a note belongs to the column its centre is over, so moving a note is enough to change its zone.
 */
export const Zone = {
  Who: 'who',
  Need: 'need',
  There: 'there',
} as const;
export type Zone = (typeof Zone)[keyof typeof Zone];

export const ZONES: readonly Zone[] = [Zone.Who, Zone.Need, Zone.There];

export function isZone(value: unknown): value is Zone {
  return value === Zone.Who || value === Zone.Need || value === Zone.There;
}

export const ZONE_TITLES: Readonly<Record<Zone, string>> = {
  who: 'Who are we?',
  need: "What's the need?",
  there: "Who's already there?",
};

export const DEFAULT_PROMPTS: Readonly<Record<Zone, string>> = {
  who: 'Our people, gifts, affinities and resources',
  need: 'Real needs of the neighbourhood or context we serve',
  there: 'People of peace, ministries, businesses and outreaches already at work',
};

/** Board geometry in board coordinates (pixels at zoom 1). */
export const ZONE_WIDTH = 1000;
export const ZONE_HEIGHT = 1400;
export const ZONE_GAP = 40;
/** Height of the title and prompt band at the top of each zone; notes are placed below it. */
export const ZONE_HEADER_HEIGHT = 170;

export const BOARD_WIDTH = ZONES.length * ZONE_WIDTH + (ZONES.length - 1) * ZONE_GAP;
export const BOARD_HEIGHT = ZONE_HEIGHT;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function zoneRect(zone: Zone): Rect {
  const index = ZONES.indexOf(zone);
  return { x: index * (ZONE_WIDTH + ZONE_GAP), y: 0, w: ZONE_WIDTH, h: ZONE_HEIGHT };
}

/** The zone whose column holds board x-coordinate `x`; points in a gap or off the board go to the nearest column. */
export function zoneAtX(x: number): Zone {
  const pitch = ZONE_WIDTH + ZONE_GAP;
  const index = Math.floor((x + ZONE_GAP / 2) / pitch);
  const clamped = Math.min(ZONES.length - 1, Math.max(0, index));
  return ZONES[clamped] ?? Zone.Who;
}

/** The zone a note of this rectangle belongs to: the column under its centre. */
export function zoneOfRect(rect: Rect): Zone {
  return zoneAtX(rect.x + rect.w / 2);
}
