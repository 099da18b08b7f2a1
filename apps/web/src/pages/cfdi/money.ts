/**
 * Amounts arrive as exact decimal strings ('1160.00'); they are shown and added without ever
 * becoming floating-point numbers, so what a contador reads matches the document to the cent.
 */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = (negative ? value.slice(1) : value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = frac.length >= 2 ? frac : frac.padEnd(2, '0');
  return `${negative ? '-' : ''}$${grouped}.${cents}`;
}

function scaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  return negative ? -units : units;
}

/** Exact sum of decimal strings. */
export function addMoney(values: string[]): string {
  const scale = Math.max(2, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  const sum = values.reduce((acc, v) => acc + scaled(v, scale), 0n);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * An axis label: pesos abbreviated as Mexican readers write them ("$1.2 M", "$350 mil",
 * "$2.5 mil M"), one decimal at most. Only for ticks, which are pixels anyway; figures a contador
 * reads exactly stay `formatMoney`.
 */
export function formatMoneyShort(value: number): string {
  const sign = value < 0 ? '-' : '';
  const v = Math.abs(value);
  const units: [number, string][] = [
    [1e9, ' mil M'],
    [1e6, ' M'],
    [1e3, ' mil'],
  ];
  for (const [size, suffix] of units) if (v >= size) return `${sign}$${oneDecimal(v / size)}${suffix}`;
  return `${sign}$${oneDecimal(v)}`;
}

const oneDecimal = (v: number) => {
  const rounded = Math.round(v * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
};

/** Exact difference of two decimal strings. */
export function subtractMoney(a: string, b: string): string {
  return addMoney([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);
}

/**
 * Axis ticks from `min` to `max` (min ≤ 0 ≤ max) at a round step (1, 2, 2.5 or 5 × 10ⁿ), about
 * `count` of them above zero, so the labels read as whole amounts.
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  const span = Math.max(max, -min, 1);
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= Math.ceil(max / step) * step + step / 2; v += step)
    ticks.push(Math.round(v * 100) / 100);
  return ticks.length > 1 ? ticks : [0, step];
}
