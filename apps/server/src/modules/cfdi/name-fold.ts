import { type SQL, sql } from 'drizzle-orm';

/**
 * Names are searched without case or accents ("gomez" finds "GÓMEZ", "pena" finds "PEÑA"). The
 * fold is `lower(translate(…))`: accented capitals are translated too, because `lower()` leaves
 * them alone under the C locale some clusters are initialised with. Both sides use the same
 * expression: the stored generated columns (`*_nombre_folded`, trigram-indexed) and the pattern a
 * person typed.
 */
const FROM = 'ÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇáàäâãéèëêíìïîóòöôõúùüûñç';
const TO = 'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc';

/** The fold of a SQL expression (a column or a bound parameter). */
export const foldSql = (expression: SQL) =>
  sql`lower(translate(${expression}, ${sql.raw(`'${FROM}'`)}, ${sql.raw(`'${TO}'`)}))`;

/** The same fold in JavaScript, for tests and for callers that compare in memory. */
export function foldName(text: string): string {
  let out = '';
  for (const c of text) {
    const i = FROM.indexOf(c);
    out += i >= 0 ? TO[i] : c;
  }
  return out.toLowerCase();
}
