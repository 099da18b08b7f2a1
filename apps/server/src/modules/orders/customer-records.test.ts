import { describe, expect, it } from 'vitest';
import { clientFromCustomer } from './customer-records.js';

describe('clientFromCustomer', () => {
  it('reads an ERP customer in Spanish with an address object', () => {
    expect(
      clientFromCustomer({
        id: 'CUS-000001',
        rfc: 'XIA190128J61',
        razon_social: 'Xenon Industrial SA de CV',
        regimen_fiscal: '601',
        email: ' Contacto@Xenon.com.mx ',
        uso_cfdi: 'G03',
        telefono: '+52 44 2123 4567',
        direccion: {
          calle: 'Av. Juárez',
          numero_exterior: '100',
          numero_interior: null,
          colonia: 'Centro',
          municipio: 'Querétaro',
          estado: 'QRO',
          codigo_postal: '76000',
          pais: 'MEX',
        },
      }),
    ).toEqual({
      name: 'Xenon Industrial SA de CV',
      email: 'Contacto@Xenon.com.mx',
      rfc: 'XIA190128J61',
      phone: '+52 44 2123 4567',
      address: 'Av. Juárez 100, Centro, Querétaro, QRO, C.P. 76000',
      fiscalRegime: '601',
      postalCode: '76000',
      cfdiUse: 'G03',
    });
  });

  it('keeps a record with a bad optional field, refuses one without name or email', () => {
    expect(clientFromCustomer({ name: 'Ana', email: 'ana@x.mx', rfc: 'NOT-AN-RFC', cp: '123' })).toEqual({
      name: 'Ana',
      email: 'ana@x.mx',
    });
    expect(clientFromCustomer({ name: 'Sin correo' })).toBeNull();
    expect(clientFromCustomer({ email: 'x@y.mx' })).toBeNull();
    expect(clientFromCustomer({ name: 'Ana', email: 'no es correo' })).toBeNull();
    expect(clientFromCustomer('text')).toBeNull();
  });
});
