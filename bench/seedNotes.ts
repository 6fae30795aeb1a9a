import { BoardModel } from '../shared/board/model';
import { ZONES, zoneRect } from '../shared/board/zones';

/**
 * Adds `count` notes through BoardModel.addNote, one command each, on a grid inside the zones.
 * Positions are given so placement search does not dominate what is being measured.
 */
export function seedNotes(model: BoardModel, count: number): string[] {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const zone = ZONES[index % ZONES.length]!;
    const rect = zoneRect(zone);
    const slot = Math.floor(index / ZONES.length);
    ids.push(model.addNote({
      zone,
      author: `author ${index % 12}`,
      text: `note ${index}: a short idea`,
      x: rect.x + 10 + (slot % 4) * 240,
      y: 180 + (Math.floor(slot / 4) % 6) * 190,
    }));
  }
  return ids;
}
