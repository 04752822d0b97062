// Live Verify's one-view-a-frame embedding: which views are asked for frame after frame, when a
// frame starts afresh (the first, a face elsewhere, a pause, a lost face, someone else in the same
// place), and that a face held still gets exactly the flip-averaged embedding.
import { describe, expect, it } from 'vitest';
import { LiveViews, PAIR_WITHIN_MS, normalizedSum, type EmbedView } from './live-views';

const box = (x: number) => ({ x, y: 40, width: 100, height: 120 });

/** A fake network: a crop's views are fixed vectors; records which views were asked for. */
function fakeNetwork() {
  const asked: string[] = [];
  const view = (rgb: Uint8Array, mirrored: boolean) =>
    Float32Array.from([rgb[0] as number, mirrored ? 2 : 1, mirrored ? 0 : 3]);
  const embedView: EmbedView = (rgb, mirrored) => {
    asked.push(`${rgb[0]}${mirrored ? 'm' : 'p'}`);
    return Promise.resolve(view(rgb, mirrored));
  };
  return { asked, view, embedView };
}

const crop = (value: number) => Uint8Array.from([value]);

describe('LiveViews', () => {
  it('embeds one view a frame, alternating, paired with the last frame’s other view', async () => {
    const { asked, view, embedView } = fakeNetwork();
    const live = new LiveViews();
    const first = await live.embed(embedView, crop(1), box(0), 0);
    expect(asked).toEqual(['1p', '1m']);
    expect(first).toEqual(normalizedSum(view(crop(1), false), view(crop(1), true)));

    const second = await live.embed(embedView, crop(2), box(5), 60);
    expect(asked.slice(2)).toEqual(['2p']);
    expect(second).toEqual(normalizedSum(view(crop(2), false), view(crop(1), true)));

    await live.embed(embedView, crop(3), box(10), 120);
    expect(asked.slice(3)).toEqual(['3m']);
  });

  it('gives a face held still exactly its flip-averaged embedding, unit length', async () => {
    const { view, embedView } = fakeNetwork();
    const live = new LiveViews();
    const flipAveraged = normalizedSum(view(crop(7), false), view(crop(7), true));
    for (let frame = 0; frame < 4; frame++) {
      const embedding = await live.embed(embedView, crop(7), box(0), frame * 50);
      expect(embedding).toEqual(flipAveraged);
      expect(Math.hypot(...embedding)).toBeCloseTo(1, 6);
    }
  });

  it('starts afresh for a face elsewhere, after a pause, and once forgotten', async () => {
    const { asked, embedView } = fakeNetwork();
    const live = new LiveViews();
    await live.embed(embedView, crop(1), box(0), 0);
    await live.embed(embedView, crop(2), box(300), 50); // another face: both views
    expect(asked.slice(2)).toEqual(['2p', '2m']);
    await live.embed(embedView, crop(3), box(300), 50 + PAIR_WITHIN_MS); // too late: both
    expect(asked.slice(4)).toEqual(['3p', '3m']);
    live.forget();
    await live.embed(embedView, crop(4), box(300), 60 + PAIR_WITHIN_MS);
    expect(asked.slice(6)).toEqual(['4p', '4m']);
  });

  it('does not sum two people: someone else in the same place gets both views of their frame', async () => {
    const { asked, view, embedView } = fakeNetwork();
    const live = new LiveViews();
    await live.embed(embedView, crop(1), box(0), 0);
    await live.embed(embedView, crop(2), box(0), 50); // the same face: one view
    // Crop 90's views are far from crop 1's and 2's (cosine about 0.3): another person.
    const other = await live.embed(embedView, crop(90), box(0), 100);
    expect(asked.slice(3)).toEqual(['90m', '90p']);
    expect(other).toEqual(normalizedSum(view(crop(90), true), view(crop(90), false)));
    // They are then followed as usual, one view a frame.
    await live.embed(embedView, crop(91), box(0), 150);
    expect(asked.slice(5)).toEqual(['91m']);
  });

  it('starts afresh after a frame whose network call failed', async () => {
    const { asked, embedView } = fakeNetwork();
    const live = new LiveViews();
    await live.embed(embedView, crop(1), box(0), 0);
    const failing: EmbedView = () => Promise.reject(new Error('lost GPU'));
    await expect(live.embed(failing, crop(2), box(0), 50)).rejects.toThrow('lost GPU');
    await live.embed(embedView, crop(3), box(0), 100);
    expect(asked.slice(2)).toEqual(['3p', '3m']);
  });
});
