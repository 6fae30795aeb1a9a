import { memo } from 'react';
import { ZONES, ZONE_HEADER_HEIGHT, zoneRect, type Zone } from '../../shared/board/zones';
import { NOTE_FONT_FAMILY, UI_FONT_FAMILY } from '../fonts/families';
import { textDirection } from '../fonts/direction';
import { useFontsVersion } from '../fonts/useFontsVersion';
import { useTranslation } from '../i18n';
import { shownPrompt } from '../i18n/boardText';
import { Group, Rect, Text } from './konva';
import { ZONE_FILLS, ZONE_STROKE, zoneStroke } from './zoneStyle';

/**
 * The three question columns. Titles and prompts are sized in board pixels large enough to read
 * from across a room on a TV when the whole board is fitted to the screen.
 */
export const ZoneShapes = memo(function ZoneShapes({
  prompts,
  highlight = null,
}: {
  prompts: Readonly<Record<Zone, string>>;
  /** The current meeting phase's zone, outlined boldly for everyone. */
  highlight?: Zone | null;
}) {
  const { t } = useTranslation();
  // Prompts are the leader's words, in any script: measured again when a webfont arrives.
  const fontsVersion = useFontsVersion();
  const shown: Record<Zone, string> = { who: shownPrompt('who', prompts.who, t), need: shownPrompt('need', prompts.need, t), there: shownPrompt('there', prompts.there, t) };
  return (
    <>
      {ZONES.map((zone) => {
        const rect = zoneRect(zone);
        const stroke = zoneStroke(zone === highlight);
        return (
          <Group key={zone} x={rect.x} y={rect.y} listening={false}>
            <Rect width={rect.w} height={rect.h} fill={ZONE_FILLS[zone]} cornerRadius={16} stroke={stroke.color} strokeWidth={stroke.width} />
            <Rect y={ZONE_HEADER_HEIGHT - 4} x={24} width={rect.w - 48} height={2} fill={ZONE_STROKE} />
            <Text
              x={32}
              y={20}
              width={rect.w - 64}
              text={t(`zones.${zone}`)}
              fontSize={54}
              fontStyle="bold"
              fontFamily={UI_FONT_FAMILY}
              fill="#263238"
              wrap="none"
              ellipsis
            />
            <Text
              key={`prompt-${fontsVersion}`}
              x={32}
              y={84}
              width={rect.w - 64}
              height={ZONE_HEADER_HEIGHT - 88}
              text={shown[zone]}
              fontSize={34}
              lineHeight={1.15}
              fontFamily={NOTE_FONT_FAMILY}
              direction={textDirection(shown[zone])}
              align={textDirection(shown[zone]) === 'rtl' ? 'right' : 'left'}
              fill="#455a64"
              wrap="word"
              ellipsis
            />
          </Group>
        );
      })}
    </>
  );
});
