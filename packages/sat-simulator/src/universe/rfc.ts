import { UniverseError } from './errors.js';
import type { Rng } from './prng.js';

/** Personas morales have 3 letters (12 chars), personas físicas 4 (13 chars). */
const RFC = /^([A-ZÑ&]{3,4})(\d{6})([A-Z0-9]{3})$/;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÑ&';
const HOMOCLAVE = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NO_FOURTH_LETTER = 31;

export function normalizeRfc(rfc: string): string {
  const upper = rfc.trim().toUpperCase();
  if (!RFC.test(upper)) throw new UniverseError('invalid-rfc', `not an RFC: "${rfc}"`);
  return upper;
}

export function isMoral(rfc: string): boolean {
  return rfc.length === 12;
}

/**
 * Packs a well-formed RFC into 56 bits (letters 20, date digits 20, homoclave 16) so a UUID can carry
 * it: that is what lets `byUuid` find documents of RFCs the universe has never been asked about.
 */
export function packRfc(rfc: string): bigint {
  const match = RFC.exec(rfc);
  if (!match) throw new UniverseError('invalid-rfc', `not an RFC: "${rfc}"`);
  const [, letters = '', digits = '', homoclave = ''] = match;
  let letterBits = 0;
  for (let i = 0; i < 4; i += 1) {
    const code = i < letters.length ? LETTERS.indexOf(letters[i] as string) : NO_FOURTH_LETTER;
    letterBits = letterBits * 32 + code;
  }
  let homoBits = 0;
  for (const char of homoclave) homoBits = homoBits * 36 + HOMOCLAVE.indexOf(char);
  return (BigInt(letterBits) << 36n) | (BigInt(Number(digits)) << 16n) | BigInt(homoBits);
}

export function unpackRfc(bits: bigint): string | undefined {
  let letterBits = Number(bits >> 36n);
  const digitBits = Number((bits >> 16n) & 0xfffffn);
  let homoBits = Number(bits & 0xffffn);
  if (digitBits > 999_999 || homoBits >= 36 ** 3) return undefined;
  const codes: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    codes.unshift(letterBits % 32);
    letterBits = Math.floor(letterBits / 32);
  }
  let letters = '';
  for (const [i, code] of codes.entries()) {
    if (code === NO_FOURTH_LETTER && i === 3) break;
    const letter = LETTERS[code];
    if (letter === undefined) return undefined;
    letters += letter;
  }
  let homoclave = '';
  for (let i = 0; i < 3; i += 1) {
    homoclave = HOMOCLAVE[homoBits % 36] + homoclave;
    homoBits = Math.floor(homoBits / 36);
  }
  return `${letters}${String(digitBits).padStart(6, '0')}${homoclave}`;
}

const SKIP_WORDS = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'Y', 'EL', 'EN']);
const VOWELS = 'AEIOU';

function birthDigits(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

function homoclave(rng: Rng): string {
  return `${rng.pick([...HOMOCLAVE])}${rng.pick([...HOMOCLAVE])}${rng.pick([...'0123456789A'])}`;
}

/** A persona moral RFC built the way the SAT does: initials of the significant words, incorporation date. */
export function moralRfc(rng: Rng, name: string): string {
  const words = name.split(' ').filter((word) => word.length > 0 && !SKIP_WORDS.has(word));
  const initials = words.map((word) => word[0]).join('');
  // One- or two-word names use more letters of the first word, as the SAT's algorithm does.
  const letters = (initials.length >= 3 ? initials : `${initials}${(words[0] ?? '').slice(1)}XXX`).slice(
    0,
    3,
  );
  return `${letters}${birthDigits(rng, 1985, 2020)}${homoclave(rng)}`;
}

/** A persona física RFC: apellido paterno (initial + first inner vowel), materno, nombre, birth date. */
export function fisicaRfc(rng: Rng, given: string, paterno: string, materno: string): string {
  const innerVowel = [...paterno.slice(1)].find((char) => VOWELS.includes(char)) ?? 'X';
  const letters = `${paterno[0]}${innerVowel}${materno[0]}${given[0]}`;
  return `${letters}${birthDigits(rng, 1955, 2002)}${homoclave(rng)}`;
}
