// What a reader types, read as numbers: the one set of rules for the number editor's fields
// and the exercises' answers. coursekit/page/answers.py reads the same text in the page's Python
// with the same rules; tests/machinery/typed_values_cases.json holds both to the same cases.
//
//   number   3   3.0   -0.5   −0.5   +2   .5   1/2   -3/4   2.5e-3   2.5 × 10⁻³   2.5 x 10^-3
//   count    a number that is whole, between the field's `smallest` and `largest`
//   matrix   rows on lines (or separated by ";"), entries by spaces or commas, each a number
//            as above; or as numpy prints it, [[1, 2], [3, 4]]; at most `largest` rows and columns
//   shape    3 × 4   3x4   3 by 4   (3, 4)   3, 4   3 4
//
// A typo is a TypedValueProblem: a key of the message catalog and its parameters (the
// widget words it, docs/assets/messages), never a message written here. What the reader
// typed is only read: a widget keeps it as it is. This module touches no page: Node runs it too.
"use strict";

/**
 * The characters that separate and mark numbers, in one place: a later language option
 * (a decimal comma, with ";" between entries) changes these and nothing else.
 */
export const RULES = Object.freeze({
  decimalPoint: ".",
  entrySeparators: ",",      // besides spaces
  rowSeparators: "\n;",
  minusSigns: "-\u2212",      // "−", as the page writes numbers, as well as "-"
  spaces: " \t\r\n\f\v\u00a0\u2007\u2009\u202f",  // with the no-break and thin spaces of pasted text
});

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
  const point = inClass(rules.decimalPoint);
  const mantissa = `[+-]?(?:[0-9]+[${point}]?[0-9]*|[${point}][0-9]+)`;
  return {
    edges: new RegExp(`^${space}+|${space}+$`, "g"),
    minus: new RegExp(minus, "g"),
    decimal: new RegExp(`^${mantissa}(?:[eE][+-]?[0-9]+)?$`),
    // 2.5 × 10⁻³ as the page writes it, or 2.5 x 10^-3: the exponent after "^" or in superscript
    power: new RegExp(`^(${mantissa})${space}*[×xX*]${space}*10(?:\\^${space}*([+-]?[0-9]+)|([⁺⁻]?[${SUPERSCRIPTS}]+))$`),
    rows: new RegExp(`[${inClass(rules.rowSeparators)}]`),
    entries: new RegExp(`${space}*[${inClass(rules.entrySeparators)}]${space}*|${space}+`),
    numpyRows: new RegExp(`\\]${space}*,?${space}*\\[`, "g"),
    shapeParts: new RegExp(`${space}*(?:[xX×*,]|[bB][yY])${space}*|${space}+`),
    shapeEdges: /^[()[\]]+|[()[\]]+$/g,
    point: rules.decimalPoint,
  };
}

const GRAMMAR = grammar(RULES);

const strip = (text, g) => text.replace(g.edges, "");

/** At most QUOTED characters (code points, as Python counts them) of `text`. */
export function quoted(text) {
  const characters = Array.from(text);
  return characters.length > QUOTED ? `${characters.slice(0, QUOTED - 1).join("")}…` : text;
}

/** A decimal as JavaScript reads it, or NaN. */
function decimalValue(written, g) {
  return g.decimal.test(written) ? Number(written.replace(g.point, ".")) : NaN;
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
 * {smallest, largest} or a matrix's {largest}. Throws a TypedValueProblem for a typo.
 */
export function readTyped(kind, text, limits = {}) {
  if (!(kind in KINDS)) throw new Error(`a typed value is one of ${Object.keys(KINDS)}, not ${kind}`);
  if (typeof text !== "string" || strip(text, GRAMMAR) === "") throw new TypedValueProblem("typed.empty");
  if (Array.from(text).length > LONGEST) throw new TypedValueProblem("typed.too-long", { longest: LONGEST });
  return KINDS[kind](text, GRAMMAR, limits);
}
