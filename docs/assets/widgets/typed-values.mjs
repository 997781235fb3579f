// What a reader types, read as numbers: the one set of rules for the number editor's fields
// and the exercises' answers, in the page's language (LANGUAGES). coursekit/page/answers.py
// reads the same text in the page's Python with the same rules; tests/machinery/
// typed_values_cases.<language>.json holds both to the same cases, one table per language.
//
//   number   3   3.0   -0.5   −0.5   +2   .5   1/2   -3/4   2.5e-3   2.5 × 10⁻³   2.5 x 10^-3
//            (pt-BR: 0,5 as well as 0.5)
//   count    a number that is whole, between the field's `smallest` and `largest`
//   matrix   rows on lines (en: or separated by ";"), entries by spaces (en: or commas;
//            pt-BR: or ";"), each a number as above; or as numpy prints it, [[1, 2], [3, 4]];
//            at most `largest` rows and columns
//   shape    3 × 4   3x4   3 by 4 (pt-BR: 3 por 4)   (3, 4)   3, 4   3 4
//
// A typo is a TypedValueProblem: a key of the message catalog and its parameters (the
// widget words it, docs/assets/messages), never a message written here. What the reader
// typed is only read: a widget keeps it as it is. This module touches no page: Node runs it too.
"use strict";

const SPACES = " \t\r\n\f\v\u00a0\u2007\u2009\u202f";  // with the no-break and thin spaces of pasted text

/**
 * The characters that separate and mark numbers, by language, in one place (as LANGUAGES
 * in coursekit/page/answers.py): the language of the page (<html lang>) picks them.
 *
 *   en      0.5; entries by spaces or commas; rows on lines or separated by ";"
 *   pt-BR   0,5 or 0.5; entries by spaces or ";" (or ", " as numpy prints them); rows on
 *           lines; a number with two marks (1,2,3  1.000,5) is ambiguous: said, never guessed
 */
export const LANGUAGES = Object.freeze({
  en: Object.freeze({
    decimalPoints: ".",
    entrySeparators: ",",        // besides spaces
    separatorsBeforeSpace: "",   // marks that separate entries where a space follows
    rowSeparators: "\n;",
    minusSigns: "-\u2212",        // "−", as the page writes numbers, as well as "-"
    spaces: SPACES,
    shapeWords: "by",            // 3 by 4, besides 3 × 4, 3x4, (3, 4)
  }),
  "pt-BR": Object.freeze({
    decimalPoints: ",.",
    entrySeparators: ";",
    separatorsBeforeSpace: ",",
    rowSeparators: "\n",
    minusSigns: "-\u2212",
    spaces: SPACES,
    shapeWords: "por|by",
  }),
});

/** The rules of the English edition, the default. */
export const RULES = LANGUAGES.en;

/**
 * The rules of `language` (a page's <html lang>): its own, else those of the first language
 * with its base (pt-PT reads as pt-BR), else English's.
 */
export function rulesFor(language = "en") {
  const base = String(language).split("-")[0];
  return LANGUAGES[language] ?? Object.entries(LANGUAGES).find(([name]) => name.split("-")[0] === base)?.[1] ?? RULES;
}

/** Characters: an answer is a few numbers; more is pasted by mistake. */
export const LONGEST = 2000;
/** Characters of the reader's text a message quotes: a long paste, shortened to its start. */
export const QUOTED = 24;

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** Why typed text is not a value: `key` names the catalog's message, `params` fill it. */
export class TypedValueProblem extends Error {
  constructor(key, params = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

const inClass = (characters) => characters.replace(/[\\\]^-]/g, "\\$&");

/** The regular expressions of `rules` (ASCII digits only: "٣" is not read as 3). */
function grammar(rules) {
  const space = `[${inClass(rules.spaces)}]`;
  const minus = `[${inClass(rules.minusSigns)}]`;
  const point = inClass(rules.decimalPoints);
  const mantissa = `[+-]?(?:[0-9]+[${point}]?[0-9]*|[${point}][0-9]+)`;
  const beforeSpace = rules.separatorsBeforeSpace
    ? `[${inClass(rules.separatorsBeforeSpace)}](?=${space})${space}*|` : "";
  return {
    edges: new RegExp(`^${space}+|${space}+$`, "g"),
    minus: new RegExp(minus, "g"),
    decimal: new RegExp(`^${mantissa}(?:[eE][+-]?[0-9]+)?$`),
    // 2.5 × 10⁻³ as the page writes it, or 2.5 x 10^-3: the exponent after "^" or in superscript
    power: new RegExp(`^(${mantissa})${space}*[×xX*]${space}*10(?:\\^${space}*([+-]?[0-9]+)|([⁺⁻]?[${SUPERSCRIPTS}]+))$`),
    rows: new RegExp(`[${inClass(rules.rowSeparators)}]`),
    entries: new RegExp(`${space}*[${inClass(rules.entrySeparators)}]${space}*|${beforeSpace}${space}+`),
    numpyRows: new RegExp(`\\]${space}*,?${space}*\\[`, "g"),
    shapeParts: new RegExp(`${space}*(?:[x×*,]|${rules.shapeWords})${space}*|${space}+`, "i"),
    shapeEdges: /^[()[\]]+|[()[\]]+$/g,
    points: new RegExp(`[${point}]`, "g"),
    // more than one decimal mark where two are accepted: 1,2,3 or 1.000,5 (a list? thousands?)
    ambiguous: rules.decimalPoints.length > 1 ? new RegExp(`^[+-]?[0-9]*(?:[${point}][0-9]+){2,}$`) : null,
  };
}

const GRAMMARS = new Map();

/** The grammar of `rules`, made once. */
function grammarOf(rules) {
  if (!GRAMMARS.has(rules)) GRAMMARS.set(rules, grammar(rules));
  return GRAMMARS.get(rules);
}

const strip = (text, g) => text.replace(g.edges, "");

/** At most QUOTED characters (code points, as Python counts them) of `text`. */
export function quoted(text) {
  const characters = Array.from(text);
  return characters.length > QUOTED ? `${characters.slice(0, QUOTED - 1).join("")}…` : text;
}

/** A decimal as JavaScript reads it, or NaN. */
function decimalValue(written, g) {
  return g.decimal.test(written) ? Number(written.replace(g.points, ".")) : NaN;
}

/** Whether `text` is digits with more than one decimal mark, where the rules accept two kinds. */
function ambiguous(text, g) {
  return Boolean(g.ambiguous?.test(strip(text, g).replace(g.minus, "-")));
}

/** The value of one number, or NaN: a decimal, a fraction of two, or a decimal times a power of ten. */
function numberValue(text, g) {
  const written = strip(text, g).replace(g.minus, "-");
  const power = g.power.exec(written);
  if (power) {
    const exponent = power[2] ?? Array.from(power[3], (c) => ({ "⁺": "+", "⁻": "-" })[c]
      ?? String(SUPERSCRIPTS.indexOf(c))).join("");
    return decimalValue(`${power[1]}e${exponent}`, g);
  }
  const parts = written.split("/");
  if (parts.length === 2) return decimalValue(strip(parts[0], g), g) / decimalValue(strip(parts[1], g), g);
  return parts.length === 1 ? decimalValue(written, g) : NaN;
}

/** A finite number, or a problem quoting what was typed. */
function number(text, g) {
  const value = numberValue(text, g);
  if (ambiguous(text, g)) throw new TypedValueProblem("typed.ambiguous", { text: quoted(strip(text, g)) });
  if (!Number.isFinite(value)) throw new TypedValueProblem("typed.not-a-number", { text: quoted(strip(text, g)) });
  return value;
}

/** A whole number from `smallest` (default 0) to `largest` (null: no end). */
function count(text, g, { smallest = null, largest = null } = {}) {
  const value = number(text, g);
  const least = smallest ?? 0;
  if (!Number.isInteger(value) || value < least || (largest != null && value > largest)) {
    const params = { text: quoted(strip(text, g)), smallest: least };
    if (largest == null) throw new TypedValueProblem("typed.count-at-least", params);
    throw new TypedValueProblem("typed.count-from-to", { ...params, largest });
  }
  return value;
}

/** Rows of numbers, every row as long as the first, at most `largest` rows and columns. */
function matrix(text, g, { largest = null } = {}) {
  let written = text;
  if (strip(written, g).startsWith("[")) written = written.replace(g.numpyRows, "\n").replace(/[[\]]/g, "");
  const rows = written.split(g.rows).map((row) => strip(row, g)).filter((row) => row !== "");
  if (!rows.length) throw new TypedValueProblem("typed.empty");
  const values = rows.map((row, r) => row.split(g.entries).map((entry) => {
    if (entry === "") throw new TypedValueProblem("typed.entry-missing", { row: r + 1 });
    if (ambiguous(entry, g)) throw new TypedValueProblem("typed.entry-ambiguous", { row: r + 1, entry: quoted(entry) });
    const value = numberValue(entry, g);
    if (!Number.isFinite(value)) throw new TypedValueProblem("typed.entry-not-a-number", { row: r + 1, entry: quoted(entry) });
    return value;
  }));
  const first = values[0].length;
  const ragged = values.findIndex((row) => row.length !== first);
  if (ragged >= 0) {
    throw new TypedValueProblem("typed.rows-differ", { row: ragged + 1, entries: values[ragged].length, first });
  }
  if (largest != null && (values.length > largest || first > largest)) {
    throw new TypedValueProblem("typed.matrix-too-large", { rows: values.length, columns: first, largest });
  }
  return values;
}

/** Rows by columns: two whole numbers, as [rows, columns]. */
function shape(text, g) {
  const parts = strip(text, g).replace(g.shapeEdges, "").split(g.shapeParts).filter((part) => part !== "");
  const sizes = parts.map((part) => numberValue(part, g));
  if (sizes.length !== 2 || !sizes.every((size) => Number.isInteger(size) && size >= 0)) {
    throw new TypedValueProblem("typed.not-a-shape", { text: quoted(strip(text, g)) });
  }
  return sizes;
}

const KINDS = { number, count, matrix, shape };

/**
 * What the reader typed as a value of `kind` ("number", "count", "matrix", "shape"): a
 * number, or rows of numbers (matrix), or [rows, columns] (shape); `limits` are a count's
 * {smallest, largest} or a matrix's {largest}; `language` picks the rules (rulesFor).
 * Throws a TypedValueProblem for a typo.
 */
export function readTyped(kind, text, limits = {}, language = "en") {
  if (!(kind in KINDS)) throw new Error(`a typed value is one of ${Object.keys(KINDS)}, not ${kind}`);
  const g = grammarOf(rulesFor(language));
  if (typeof text !== "string" || strip(text, g) === "") throw new TypedValueProblem("typed.empty");
  if (Array.from(text).length > LONGEST) throw new TypedValueProblem("typed.too-long", { longest: LONGEST });
  return KINDS[kind](text, g, limits);
}
