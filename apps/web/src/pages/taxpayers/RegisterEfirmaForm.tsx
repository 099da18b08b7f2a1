import { type FormEvent, useRef, useState } from 'react';
import { useRegisterTaxpayer } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';

const FILE_INPUT =
  'input file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-sm';

/**
 * The e.firma goes straight from the file pickers to the server as multipart; nothing of it is kept
 * in the page after a successful registration (the form is reset, the password forgotten).
 */
// Extensions only: MIME types for .cer/.key differ between systems (macOS calls .key a Keynote file).
export function RegisterEfirmaForm() {
  const { t } = useI18n();
  const register = useRegisterTaxpayer();
  const form = useRef<HTMLFormElement>(null);
  const [certificate, setCertificate] = useState<File | null>(null);
  const [privateKey, setPrivateKey] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<{ legalName: string; rfc: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!certificate || !privateKey) return;
    setDone(null);
    register.mutate(
      { certificate, privateKey, password },
      {
        onSuccess: (taxpayer) => {
          form.current?.reset();
          setCertificate(null);
          setPrivateKey(null);
          setPassword('');
          setDone({ legalName: taxpayer.legalName, rfc: taxpayer.rfc });
        },
      },
    );
  }

  return (
    <section aria-labelledby="register-efirma-title" className="card p-5">
      <h2 id="register-efirma-title" className="text-base font-semibold">
        {t.taxpayers.registerTitle}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t.taxpayers.registerIntro}</p>
      <form
        ref={form}
        className="mt-4 grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,14rem)_auto] md:items-end"
        onSubmit={onSubmit}
      >
        <Field id="efirma-cer" label={t.taxpayers.certificate}>
          {(control) => (
            <input
              {...control}
              type="file"
              required
              accept=".cer"
              className={FILE_INPUT}
              onChange={(e) => setCertificate(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field id="efirma-key" label={t.taxpayers.privateKey}>
          {(control) => (
            <input
              {...control}
              type="file"
              required
              accept=".key"
              className={FILE_INPUT}
              onChange={(e) => setPrivateKey(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field id="efirma-password" label={t.taxpayers.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              required
              autoComplete="off"
              className="input"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={register.isPending}>
          {register.isPending ? t.taxpayers.registering : t.taxpayers.register}
        </button>
      </form>
      <ErrorAlert error={register.error} className="mt-3" />
      <p role="status" className={done ? 'mt-3 text-sm text-emerald-800' : 'sr-only'}>
        {done ? t.taxpayers.registered(done.legalName, done.rfc) : ''}
        {done ? (
          // The next step: the taxpayer's page files years with the SAT.
          <>
            {' '}
            <Link className="font-medium underline" to={href(paths.taxpayer, { rfc: done.rfc })}>
              {t.taxpayers.nextStep}
            </Link>
          </>
        ) : null}
      </p>
    </section>
  );
}
