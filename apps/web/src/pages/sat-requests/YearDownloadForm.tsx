import { type FormEvent, useState } from 'react';
import { useFileSatYear } from '../../api/queries.js';
import type { FileYearInput } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';

// The SAT serves the current year and the six before it; the server has the final word.
const YEARS_BACK = 6;
// Optional on the wire (the server defaults to both); this form always says which.
type Direction = NonNullable<FileYearInput['direction']>;
const directions: Direction[] = ['both', 'issued', 'received'];

export function YearDownloadForm({ rfc }: { rfc: string }) {
  const { t } = useI18n();
  const fileYear = useFileSatYear(rfc);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);
  const [year, setYear] = useState(thisYear);
  const [direction, setDirection] = useState<Direction>('both');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    fileYear.mutate({ year, direction });
  }

  return (
    <section aria-labelledby="year-download-title" className="card p-5">
      <h2 id="year-download-title" className="text-base font-semibold">
        {t.sat.yearTitle}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t.sat.yearIntro}</p>
      <form
        className="mt-4 grid gap-3 sm:grid-cols-[8rem_minmax(0,1fr)_auto] sm:items-end"
        onSubmit={onSubmit}
      >
        <Field id="year-download-year" label={t.sat.year}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={year}
              onChange={(e) => setYear(Number(e.target.value))}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="year-download-direction" label={t.sat.direction}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={direction}
              onChange={(e) => setDirection(e.target.value as Direction)}
            >
              {directions.map((d) => (
                <option key={d} value={d}>
                  {t.sat.directions[d]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={fileYear.isPending}>
          {fileYear.isPending ? t.sat.filingYear : t.sat.fileYear}
        </button>
      </form>
      <ErrorAlert error={fileYear.error} className="mt-3" />
      <p role="status" className={fileYear.data ? 'mt-3 text-sm text-emerald-800' : 'sr-only'}>
        {fileYear.data ? t.sat.yearFiled(fileYear.data.created, fileYear.data.existing) : ''}
      </p>
    </section>
  );
}
