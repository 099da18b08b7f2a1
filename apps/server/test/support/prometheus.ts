import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';

/** A scrape: its text and its families as a Prometheus text-format parser read them. */
export interface Scrape {
  text: string;
  families: PrometheusFamily[];
}

/**
 * Parses an exposition with parse-prometheus-text-format (it throws on a malformed line); every
 * family must say its HELP and TYPE.
 */
export function parseExposition(text: string): Scrape {
  const families = parsePrometheusTextFormat(text);
  for (const family of families) {
    if (!family.help || !family.type) throw new Error(`${family.name} has no HELP or TYPE`);
  }
  return { text, families };
}

export async function scrape(url: string, token?: string): Promise<Scrape> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  if (!res.headers.get('content-type')?.startsWith('text/plain'))
    throw new Error(`${url} answered ${res.headers.get('content-type')}`);
  return parseExposition(await res.text());
}

const matches = (labels: Record<string, string> | undefined, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => labels?.[k] === v);

/**
 * The samples of a family with their labels. The parser (prom2json's shape) folds every label set
 * of a histogram into one entry, so a histogram's `<name>_count` lines are parsed again on their
 * own, as an untyped family, to keep each series' labels and count.
 */
function samplesOf(scraped: Scrape, name: string): { labels?: Record<string, string>; value: number }[] {
  const family = scraped.families.find((f) => f.name === name);
  if (!family) return [];
  if (family.type !== 'HISTOGRAM' && family.type !== 'SUMMARY')
    return family.metrics.map((m) => ({ ...(m.labels ? { labels: m.labels } : {}), value: Number(m.value) }));
  const countLines = scraped.text
    .split('\n')
    .filter((l) => l.startsWith(`${name}_count{`) || l.startsWith(`${name}_count `));
  if (countLines.length === 0) return [];
  const [counts] = parsePrometheusTextFormat(`${countLines.join('\n')}\n`);
  return (counts?.metrics ?? []).map((m) => ({
    ...(m.labels ? { labels: m.labels } : {}),
    value: Number(m.value),
  }));
}

/**
 * The sum of a family's samples whose labels include `labels` (a histogram's count); 0 when none.
 * Counters only move forward, so tests compare before and after.
 */
export function sampleValue(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  return samplesOf(scraped, name)
    .filter((s) => matches(s.labels, labels))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Every value one label takes in a family, to check that no id or URL became a label. */
export function labelValues(scraped: Scrape, name: string, label: string): string[] {
  return [...new Set(samplesOf(scraped, name).map((s) => s.labels?.[label] ?? ''))];
}

export function family(scraped: Scrape, name: string): PrometheusFamily | undefined {
  return scraped.families.find((f) => f.name === name);
}
