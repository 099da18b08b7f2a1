import type { Rng } from './prng.js';

const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
const HOMOCLAVE = '123456789ABCDEFGHIJKLMNPQRSTUVWXYZ';
const SKIP_WORDS = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'Y', 'EL', 'EN', 'SA', 'CV', 'S', 'C', 'RL']);

/**
 * The SAT's check digit (mod 11 over the first 12 characters, a persona moral padded with a leading
 * space): RFCs that pass a connector's own validation, so the simulator does not trip it by accident.
 */
export function rfcCheckDigit(withoutDigit: string): string {
  const padded = withoutDigit.length === 11 ? ` ${withoutDigit}` : withoutDigit;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += CHECK_ALPHABET.indexOf(padded[i] ?? ' ') * (13 - i);
  const rest = sum % 11;
  if (rest === 0) return '0';
  return 11 - rest === 10 ? 'A' : String(11 - rest);
}

function datePart(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear) % 100;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(year)}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`;
}

function withHomoclave(rng: Rng, stem: string): string {
  const base = `${stem}${HOMOCLAVE[rng.int(0, HOMOCLAVE.length - 1)]}${HOMOCLAVE[rng.int(0, HOMOCLAVE.length - 1)]}`;
  return base + rfcCheckDigit(base);
}

/** Persona moral: initials of the first three significant words of the name, then incorporation date. */
export function moralRfc(rng: Rng, name: string): string {
  const words = name
    .toUpperCase()
    .replace(/[.,]/g, '')
    .split(' ')
    .filter((w) => w && !SKIP_WORDS.has(w));
  let letters = words.map((w) => w[0]).join('');
  if (letters.length < 3) letters = (words[0] ?? 'XXX').slice(0, 3 - letters.length + 1) + letters.slice(1);
  return withHomoclave(rng, `${letters.slice(0, 3).padEnd(3, 'X')}${datePart(rng, 1985, 2022)}`);
}

/** Persona física: first surname's first letter and first inner vowel, second surname, given name. */
export function fisicaRfc(rng: Rng, given: string, surname1: string, surname2: string): string {
  const vowel = surname1.slice(1).match(/[AEIOU]/)?.[0] ?? 'X';
  const letters = `${surname1[0]}${vowel}${surname2[0]}${given[0]}`;
  return withHomoclave(rng, `${letters}${datePart(rng, 1955, 2003)}`);
}
