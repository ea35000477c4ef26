/**
 * A small seeded PRNG and helpers for demo and benchmark data: the same seed
 * always gives the same dataset, on every machine.
 */

/** mulberry32: a 32-bit seeded generator returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max], both included. */
  int: (min: number, max: number) => number;
  /** A float in [min, max). */
  between: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (probability: number) => boolean;
};

/** Wraps mulberry32 with the helpers the generators use. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (probability) => next() < probability,
  };
}

/**
 * Splits an integer total into integer parts proportional to weights (largest
 * remainder), never giving a part more than its cap; the parts sum to the total exactly.
 */
export function apportion(weights: readonly number[], total: number, caps?: readonly number[]): number[] {
  const parts = weights.map(() => 0);
  let active = weights.map((_, i) => i).filter((i) => (weights[i] ?? 0) > 0 && (caps?.[i] ?? Infinity) > 0);
  let remaining = total;
  while (active.length > 0) {
    const weightSum = active.reduce((sum, i) => sum + (weights[i] ?? 0), 0);
    const exact = active.map((i) => ((weights[i] ?? 0) / weightSum) * remaining);
    const share = exact.map(Math.floor);
    let left = remaining - share.reduce((a, b) => a + b, 0);
    const order = exact
      .map((value, k) => k)
      .sort((a, b) => exact[b]! - share[b]! - (exact[a]! - share[a]!) || a - b);
    for (let k = 0; left > 0; k = (k + 1) % order.length, left -= 1) share[order[k]!]! += 1;
    const over = active.filter((i, k) => share[k]! > (caps?.[i] ?? Infinity));
    if (over.length === 0) {
      active.forEach((i, k) => (parts[i] = share[k]!));
      return parts;
    }
    for (const i of over) {
      parts[i] = caps![i]!;
      remaining -= caps![i]!;
    }
    active = active.filter((i) => !over.includes(i));
  }
  if (remaining !== 0) throw new RangeError(`cannot apportion ${total}: the caps are too small`);
  return parts;
}
