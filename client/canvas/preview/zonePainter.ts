import { ZONES, ZONE_HEADER_HEIGHT, zoneRect, type Zone } from '../../../shared/board/zones';
import { NOTE_FONT_FAMILY, UI_FONT_FAMILY } from '../../fonts/families';
import { textDirection } from '../../fonts/direction';
import { wrapLines } from '../notePainter';
import { ZONE_FILLS, ZONE_STROKE, zoneStroke } from '../zoneStyle';

const TITLE_FONT = 54;
const PROMPT_FONT = 34;
const PROMPT_LINE = PROMPT_FONT * 1.15;

/**
 * The three question columns on a plain 2D context in board pixels, as ZoneShapes draws them with
 * Konva: fill, frame (bold for the meeting phase's zone), title and the leader's prompt.
 */
export function paintZones(ctx: CanvasRenderingContext2D, titles: Readonly<Record<Zone, string>>, prompts: Readonly<Record<Zone, string>>, highlight: Zone | null): void {
  for (const zone of ZONES) {
    const rect = zoneRect(zone);
    ctx.fillStyle = ZONE_FILLS[zone];
    ctx.beginPath();
    ctx.roundRect(rect.x, rect.y, rect.w, rect.h, 16);
    ctx.fill();
    const stroke = zoneStroke(zone === highlight);
    ctx.strokeStyle = stroke.color;
    ctx.lineWidth = stroke.width;
    ctx.stroke();
    ctx.fillStyle = ZONE_STROKE;
    ctx.fillRect(rect.x + 24, rect.y + ZONE_HEADER_HEIGHT - 4, rect.w - 48, 2);

    const width = rect.w - 64;
    ctx.fillStyle = '#263238';
    ctx.font = `bold ${TITLE_FONT}px ${UI_FONT_FAMILY}`;
    ctx.textBaseline = 'top';
    const [title] = wrapLines((text) => ctx.measureText(text).width, titles[zone].replace(/\s+/g, '\u00a0'), width, 1);
    if (title) ctx.fillText(title, rect.x + 32, rect.y + 20);

    ctx.fillStyle = '#455a64';
    ctx.font = `${PROMPT_FONT}px ${NOTE_FONT_FAMILY}`;
    const rtl = textDirection(prompts[zone]) === 'rtl';
    ctx.direction = rtl ? 'rtl' : 'ltr';
    ctx.textAlign = rtl ? 'right' : 'left';
    const maxLines = Math.floor((ZONE_HEADER_HEIGHT - 88) / PROMPT_LINE);
    const lines = wrapLines((text) => ctx.measureText(text).width, prompts[zone], width, maxLines);
    lines.forEach((line, index) => ctx.fillText(line, rtl ? rect.x + 32 + width : rect.x + 32, rect.y + 84 + index * PROMPT_LINE));
    ctx.direction = 'ltr';
    ctx.textAlign = 'left';
  }
  ctx.textBaseline = 'alphabetic';
}
