// The reader's practice on a page, kept in this browser (localStorage) across reloads and
// instant navigation: for each exercise, by its id, its seed, what was typed, the code,
// the hints shown, the choice, and whether it is done or tried.
"use strict";

const PREFIX = "coursekit.practice:";
const VERSION = 1;

const keyOf = (page) => PREFIX + page;

/** What is kept for `page`: {id: state}. Storage that is full, off or corrupt gives {}. */
export function load(page) {
  try {
    const kept = JSON.parse(localStorage.getItem(keyOf(page)) || "null");
    return kept && kept.version === VERSION && typeof kept.exercises === "object" ? kept.exercises : {};
  } catch {
    return {};
  }
}

/** Keep `exercises` for `page`; false where the browser refuses (private mode, storage full). */
export function save(page, exercises) {
  try {
    localStorage.setItem(keyOf(page), JSON.stringify({ version: VERSION, exercises }));
    return true;
  } catch {
    return false;
  }
}

/** A new seed for a reader's numbers: 32 random bits. */
export function newSeed() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

/** The numbers 0 … n-1 in an order drawn from `seed` (the same seed, the same order). */
export function shuffled(n, seed) {
  let state = seed >>> 0;
  const random = () => {  // mulberry32: small, and the same in every browser
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
