import { MISSING_XML_MAX_PER_CALL } from '@boveda/contracts';
import { useState } from 'react';
import { useFileMissingXml, useMetadataTotals } from '../../api/queries.js';
import type { FileMissingXmlResult } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';

/**
 * "Solicitar XML faltantes (N)": one folio request per missing XML of the taxpayer, direction and
 * days the filters chose (what the server's missing-XML filing takes; other filters do not narrow
 * it, so N is counted over exactly that selection). The SAT is asked by the worker, not here.
 */
export function RequestMissingXml({
  rfc,
  direction,
  from,
  to,
}: {
  rfc: string;
  direction?: 'issued' | 'received' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}) {
  const { t } = useI18n();
  const m = t.metadata;
  const selection = {
    ...(direction ? { direction } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const missing = useMetadataTotals({ rfc, ...selection, missingXml: 'true' }).data?.missingXml;
  const file = useFileMissingXml(rfc);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<FileMissingXmlResult | null>(null);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        className="btn btn-primary"
        disabled={!missing}
        onClick={() => {
          file.reset();
          setConfirming(true);
        }}
      >
        {m.request(missing ?? 0)}
      </button>
      {result ? (
        <p role="status" className="text-sm text-slate-700">
          {m.result(result.filed, result.skipped, result.left)}{' '}
          <Link to={href(paths.taxpayer, { rfc })} className="text-brand-700 underline underline-offset-2">
            {m.seeRequests}
          </Link>
        </p>
      ) : null}
      <Dialog
        open={confirming}
        title={m.confirmTitle}
        onClose={() => setConfirming(false)}
        initialFocusId="missing-xml-cancel"
      >
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{m.confirmBody(missing ?? 0, MISSING_XML_MAX_PER_CALL)}</p>
          <ErrorAlert error={file.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <button
              id="missing-xml-cancel"
              type="button"
              className="btn btn-secondary"
              onClick={() => setConfirming(false)}
            >
              {m.cancel}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={file.isPending}
              onClick={() =>
                file.mutate(selection, {
                  onSuccess: (answer) => {
                    setResult(answer);
                    setConfirming(false);
                  },
                })
              }
            >
              {file.isPending ? m.requesting : m.confirm}
            </button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
