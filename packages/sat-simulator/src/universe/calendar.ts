import { UniverseError } from './errors.js';

/**
 * Naive SAT timestamps (`YYYY-MM-DDTHH:mm:ss`, no zone) are mapped to seconds as if they were UTC.
 * That is only an encoding: no zone conversion ever happens, so string order equals numeric order.
 */
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

export function parseNaive(value: string, field = 'date'): number {
  const match = NAIVE.exec(value);
  if (!match) throw new UniverseError('invalid-date', `${field} must be YYYY-MM-DDTHH:mm:ss, got "${value}"`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new UniverseError('invalid-date', `${field} is not a calendar date: "${value}"`);
  }
  return ms / 1000;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DDTHH:mm:ss` (or with a space, as metadata writes it). */
export function formatNaive(seconds: number, separator = 'T'): string {
  const date = new Date(seconds * 1000);
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}${separator}${pad2(
    date.getUTCHours(),
  )}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
}

export function formatDay(seconds: number): string {
  return formatNaive(seconds).slice(0, 10);
}

/** Months since 1970-01 (0-based): the unit a universe generates documents in. */
export function monthOf(seconds: number): number {
  const date = new Date(seconds * 1000);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}

export function monthStart(month: number): number {
  return Date.UTC(1970 + Math.floor(month / 12), month % 12, 1) / 1000;
}

export function monthLabel(month: number): string {
  return `${1970 + Math.floor(month / 12)}-${pad2((month % 12) + 1)}`;
}

export const DAY = 86_400;
