import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NOTE_COLORS, PERSON_COLORS } from '../../shared/board/colors';
import { contrastRatio, relativeLuminance, textColorOn } from '../../shared/board/contrast';

const hexColor = fc.integer({ min: 0, max: 0xffffff }).map((value) => `#${value.toString(16).padStart(6, '0')}`);

describe('WCAG contrast', () => {
  it('matches the values WCAG and axe-core give', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // The figures axe reported before this fix (issue 10).
    expect(contrastRatio('#ffffff', '#f4511e')).toBeCloseTo(3.47, 1);
    expect(contrastRatio('#607d8b', '#eceff1')).toBeCloseTo(3.78, 1);
    expect(contrastRatio('#ff0000', '#00ff00')).toBe(contrastRatio('#00ff00', '#ff0000'));
  });

  it('gives avatar initials at least 4.5:1 on every presence colour of the palette', () => {
    for (const color of [...PERSON_COLORS, ...NOTE_COLORS]) {
      expect(contrastRatio(textColorOn(color), color), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives at least 4.5:1 on any colour a client may send', () => {
    fc.assert(
      fc.property(hexColor, (color) => {
        expect(contrastRatio(textColorOn(color), color)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 5000 },
    );
  });

  it('is AA even at the hardest grey, where black and white contrast equally', () => {
    // Every grey from black to white: the minimum over them is the worst case for any colour.
    let worst = Infinity;
    for (let level = 0; level < 256; level++) {
      const hex = level.toString(16).padStart(2, '0');
      const grey = `#${hex}${hex}${hex}`;
      worst = Math.min(worst, contrastRatio(textColorOn(grey), grey));
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
    expect(worst).toBeLessThan(4.7);
  });

  it('picks black on pale colours and white on dark ones', () => {
    expect(textColorOn('#fff9c4')).toBe('#000000');
    expect(textColorOn('#f4511e')).toBe('#000000');
    expect(textColorOn('#1e88e5')).toBe('#000000');
    expect(textColorOn('#3949ab')).toBe('#ffffff');
    expect(textColorOn('#102027')).toBe('#ffffff');
  });
});
