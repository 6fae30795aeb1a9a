import type { Page } from 'playwright-core';

/**
 * Pixel checks of a note's text as drawn on the canvas or in an exported image, against the same
 * Konva text node drawn afresh in the page (a reference) and drawn with some fonts left out (what
 * a machine without them shows: boxes, "tofu"). Masks are compared with a pixel of slack, since a
 * note's cached bitmap lands on fractional pixels.
 */

/** A way of drawing the note's text for comparison: its own attributes with these changed. */
export interface TextVariant {
  name: string;
  text?: string;
  fontFamily?: string;
  align?: 'left' | 'right';
  direction?: 'ltr' | 'rtl';
}

/** Where the drawn note is: the live stage, or an image of the board (PNG/JPEG bytes). */
export type InkSource = { kind: 'stage' } | { kind: 'image'; base64: string; area: { x: number; y: number; w: number } };

export interface InkComparison {
  /** Share of ink that matches, both ways, between the drawn note and each variant (0…1). */
  match: Record<string, number>;
  /**
   * For each variant after the first: the match of the drawn note with the first variant and with
   * this one, both counted only where the two differ (the box around their differing pixels).
   * Where one script's glyphs are a few percent of the ink, this is where they show.
   */
  local: Record<string, { first: number; this: number }>;
  /** The columns each variant inks. */
  variantInk: Record<string, [number, number]>;
  /** Inked pixels of the drawn note's text box. */
  ink: number;
  /** Width of the text box and the column span of the drawn ink, in the compared pixels. */
  width: number;
  inkLeft: number;
  inkRight: number;
}

/**
 * Compares the text box of the note whose text is `text` with `variants`, each drawn by a clone of
 * the note's Konva text node (found on the live stage, which must show the note as a shape) on the
 * note's colour at the same scale. `columns`, when given, restricts the comparison to that share of
 * the box's width (from, to in 0…1).
 */
export function compareNoteInk(page: Page, text: string, source: InkSource, variants: readonly TextVariant[], columns: [number, number] = [0, 1]): Promise<InkComparison> {
  return page.evaluate(
    async ({ text, source, variants, columns }) => {
      // Konva's own classes, taken from the live stage: the app does not expose Konva itself.
      type Node = {
        text(): string;
        x(): number;
        y(): number;
        width(): number;
        height(): number;
        getParent(): Node;
        getAbsolutePosition(): { x: number; y: number };
        clone(attrs: Record<string, unknown>): Node;
        findOne(selector: string): Node;
        add(node: Node): void;
        destroy(): void;
        toCanvas(config: { pixelRatio: number }): HTMLCanvasElement;
        scaleX(): number;
        find(selector: string): Node[];
        getLayers(): Node[];
        attrs: Record<string, unknown>;
      };
      const stage = window.__discern!.stage! as unknown as Node;
      const node = stage.find('Text').find((candidate) => candidate.text() === text);
      if (!node) throw new Error(`no text node shows ${JSON.stringify(text)}`);
      const group = node.getParent();
      const background = String(group.findOne('Rect').attrs.fill);

      let pixels: ImageData;
      let scale: number;
      if (source.kind === 'stage') {
        scale = stage.scaleX();
        const at = node.getAbsolutePosition();
        const canvas = stage.toCanvas({ pixelRatio: 1 });
        pixels = canvas.getContext('2d')!.getImageData(Math.round(at.x), Math.round(at.y), Math.round(node.width() * scale), Math.round(node.height() * scale));
      } else {
        const bytes = Uint8Array.from(atob(source.base64), (char) => char.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes]));
        scale = bitmap.width / source.area.w;
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const x = (group.x() + node.x() - source.area.x) * scale;
        const y = (group.y() + node.y() - (source.area as { y: number }).y) * scale;
        pixels = context.getImageData(Math.round(x), Math.round(y), Math.round(node.width() * scale), Math.round(node.height() * scale));
      }
      const { width, height } = pixels;

      const StageClass = stage.constructor as new (config: Record<string, unknown>) => Node;
      const LayerClass = stage.getLayers()[0]!.constructor as new () => Node;
      const render = (attrs: Record<string, unknown>): ImageData => {
        const host = document.createElement('div');
        document.body.append(host);
        const offscreen = new StageClass({ container: host, width: node.width(), height: node.height() });
        const layer = new LayerClass();
        offscreen.add(layer);
        layer.add(group.findOne('Rect').clone({ x: -node.x(), y: -node.y(), stroke: null }));
        layer.add(node.clone({ x: 0, y: 0, ...attrs }));
        const canvas = offscreen.toCanvas({ pixelRatio: scale });
        offscreen.destroy();
        host.remove();
        const out = document.createElement('canvas');
        out.width = width;
        out.height = height;
        const context = out.getContext('2d')!;
        context.drawImage(canvas, 0, 0);
        return context.getImageData(0, 0, width, height);
      };

      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = background;
      probe.fillRect(0, 0, 1, 1);
      const [br, bg, bb] = probe.getImageData(0, 0, 1, 1).data;
      const from = Math.floor(columns[0] * width);
      const to = Math.ceil(columns[1] * width);
      const maskOf = (image: ImageData): Uint8Array => {
        const mask = new Uint8Array(width * height);
        for (let y = 0; y < height; y++) {
          for (let x = from; x < to; x++) {
            const i = 4 * (y * width + x);
            const d = Math.abs(image.data[i]! - br!) + Math.abs(image.data[i + 1]! - bg!) + Math.abs(image.data[i + 2]! - bb!);
            mask[y * width + x] = d > 150 ? 1 : 0;
          }
        }
        return mask;
      };
      type Box = { x0: number; y0: number; x1: number; y1: number };
      const whole: Box = { x0: 0, y0: 0, x1: width - 1, y1: height - 1 };
      /** Share of `a`'s ink (inside `box`) with ink of `b` within one pixel. */
      const covered = (a: Uint8Array, b: Uint8Array, box: Box = whole): number => {
        let total = 0;
        let hit = 0;
        for (let y = box.y0; y <= box.y1; y++) {
          for (let x = box.x0; x <= box.x1; x++) {
            if (!a[y * width + x]) continue;
            total++;
            let found = false;
            for (let dy = -1; dy <= 1 && !found; dy++) {
              for (let dx = -1; dx <= 1 && !found; dx++) {
                const yy = y + dy;
                const xx = x + dx;
                if (yy >= 0 && yy < height && xx >= 0 && xx < width && b[yy * width + xx]) found = true;
              }
            }
            if (found) hit++;
          }
        }
        return total === 0 ? 0 : hit / total;
      };
      const drawn = maskOf(pixels);
      const match: Record<string, number> = {};
      const local: Record<string, { first: number; this: number }> = {};
      const variantInk: Record<string, [number, number]> = {};
      const both = (a: Uint8Array, b: Uint8Array, box?: Box) => Math.min(covered(a, b, box), covered(b, a, box));
      let first: Uint8Array | null = null;
      for (const variant of variants) {
        const { name, ...attrs } = variant;
        const reference = maskOf(render(attrs));
        match[name] = both(drawn, reference);
        let left = width;
        let right = -1;
        reference.forEach((value, i) => {
          if (value) [left, right] = [Math.min(left, i % width), Math.max(right, i % width)];
        });
        variantInk[name] = [left, right];
        if (!first) {
          first = reference;
          continue;
        }
        const box: Box = { x0: width, y0: height, x1: -1, y1: -1 };
        for (let i = 0; i < reference.length; i++) {
          if (reference[i] === first[i]) continue;
          const x = i % width;
          const y = Math.floor(i / width);
          [box.x0, box.y0, box.x1, box.y1] = [Math.min(box.x0, x), Math.min(box.y0, y), Math.max(box.x1, x), Math.max(box.y1, y)];
        }
        // No difference at all: the variant's font was missing from the first drawing too.
        if (box.x1 < 0) local[name] = { first: 0, this: 1 };
        else {
          const grown = { x0: Math.max(0, box.x0 - 2), y0: Math.max(0, box.y0 - 2), x1: Math.min(width - 1, box.x1 + 2), y1: Math.min(height - 1, box.y1 + 2) };
          local[name] = { first: both(drawn, first, grown), this: both(drawn, reference, grown) };
        }
      }
      let ink = 0;
      let inkLeft = width;
      let inkRight = -1;
      drawn.forEach((value, i) => {
        if (!value) return;
        ink++;
        inkLeft = Math.min(inkLeft, i % width);
        inkRight = Math.max(inkRight, i % width);
      });
      return { match, local, variantInk, ink, width, inkLeft, inkRight };
    },
    { text, source, variants, columns },
  );
}

/**
 * Whether the page draws each character of `sample` in `family` as its own glyph: a font missing
 * them draws one and the same box ("tofu") for all, or nothing. Returns the characters that are
 * blank or drawn identically to another one.
 */
export function tofuIn(page: Page, sample: string, family: string): Promise<string[]> {
  return page.evaluate(
    ({ sample, family }) => {
      const images = [...new Set(sample.replace(/\s/g, ''))].map((char) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        const context = canvas.getContext('2d')!;
        context.font = `40px ${family}`;
        context.fillText(char, 8, 48);
        const alpha = [...context.getImageData(0, 0, 64, 64).data].filter((_, i) => i % 4 === 3).map((value) => (value > 100 ? 1 : 0)).join('');
        return { char, alpha, blank: !alpha.includes('1') };
      });
      return images.filter((image) => image.blank || images.some((other) => other !== image && other.alpha === image.alpha)).map((image) => image.char);
    },
    { sample, family },
  );
}
