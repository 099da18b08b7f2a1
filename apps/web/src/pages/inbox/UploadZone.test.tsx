// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, UploadProgress } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { UploadZone } from './UploadZone.js';

afterEach(cleanup);

describe('the drop zone', () => {
  it('sends each invoice on its own, shows progress and what the server said', async () => {
    const sent: string[][] = [];
    const pending: (() => void)[] = [];
    const client = {
      upload: (path: string, form: FormData, opts: { onProgress?(p: UploadProgress): void }) => {
        const names = form.getAll('file').map((f) => (f as File).name);
        sent.push(names);
        expect(path).toBe('/api/v1/invoices');
        opts.onProgress?.({ loaded: 50, total: 100 });
        return new Promise((resolve, reject) => {
          pending.push(() => {
            if (names[0] === 'roto.pdf')
              reject(
                new ApiError({
                  type: 'about:blank',
                  title: 'x',
                  status: 415,
                  code: 'INVOICE_UNSUPPORTED_TYPE',
                }),
              );
            else
              resolve({
                items: [
                  {
                    id: `id-${names[0]}`,
                    fileName: names[0],
                    status: 'processing',
                    duplicate: names[0] === 'vieja.png',
                    pairedWith: names.length > 1 ? 'x' : null,
                  },
                ],
              });
          });
        });
      },
      request: () => new Promise(() => {}),
    } as unknown as ApiClient;
    render(
      <I18nProvider initialLocale="es-MX">
        <ApiProvider client={client}>
          <UploadZone />
        </ApiProvider>
      </I18nProvider>,
    );
    const files = ['F-1.pdf', 'F-1.xml', 'vieja.png', 'roto.pdf'].map((n) => new File(['x'], n));
    fireEvent.change(screen.getByLabelText('Archivos de facturas'), { target: { files } });

    const list = await screen.findByRole('list', { name: 'Archivos subidos' });
    await within(list).findAllByText('Subiendo… 50 %');
    expect(sent).toEqual([['F-1.pdf', 'F-1.xml'], ['vieja.png'], ['roto.pdf']]);
    for (const finish of pending) finish();
    await within(list).findByText('XML y PDF unidos en una factura');
    await within(list).findByText('Ya estaba en la bandeja');
    await within(list).findByText(/no es PDF, JPG, PNG ni el XML de un CFDI/);
    expect(within(list).getAllByRole('link', { name: 'Abrir' })[0]?.getAttribute('href')).toBe(
      '/bandeja/id-F-1.pdf',
    );
  });
});
