import { REGIMENES } from '../cfdi/catalogs.js';
import { mexicoLocal, type SimClock } from './clock.js';
import { type Cliente, type Empresa, type EmpresaSeed, newUuid } from './records.js';

/**
 * The issuer seeded by default: the SAT's public test taxpayer (its CSD is the one every sandbox uses),
 * with a fixed uuid so examples and tests can name it.
 */
export const DEFAULT_EMPRESA: EmpresaSeed = {
  uuid: '9f3c2a51-6b7d-4e0a-8c1d-2e4f6a8b0c11',
  rfc: 'EKU9003173C9',
  razon_social: 'ESCUELA KEMPER URGATE',
  regimen: '601',
  cp: '42501',
  email: 'facturacion@kemper.example',
  series: ['A', 'F'],
};

export const ORGANIZACION_UUID = '5d1e0c8a-3f2b-4a6c-9e7d-1b0a2c3d4e5f';

/** Issuers (empresas) and customers (clientes) of the one Facturify account this simulator serves. */
export class Parties {
  private empresas: Empresa[] = [];
  private clientes: Cliente[] = [];
  private nextId = 1;

  constructor(
    private readonly clock: SimClock,
    private readonly seeds: EmpresaSeed[],
  ) {
    this.seed();
  }

  private seed(): void {
    for (const s of this.seeds) this.addEmpresa(s);
  }

  addEmpresa(seed: EmpresaSeed): Empresa {
    if (!REGIMENES.has(seed.regimen))
      throw new RangeError(`empresa ${seed.rfc}: unknown regimen ${seed.regimen}`);
    const now = mexicoLocal(this.clock.now());
    const empresa: Empresa = {
      id: this.nextId++,
      uuid: newUuid(),
      email: `facturacion@${seed.rfc.toLowerCase()}.example`,
      calle: null,
      num_ext: null,
      num_int: null,
      colonia: null,
      delegacion_municipio: null,
      ciudad: null,
      estado: null,
      curp: null,
      factura_por_cuenta_de_terceros: false,
      series: ['A'],
      webhook_url: null,
      certificate: {
        serial_number: '30001000000500003416',
        valid_from: '2023-05-18 11:43:51',
        valid_to: '2027-05-18 11:43:51',
      },
      created_at: now,
      updated_at: now,
      ...seed,
    };
    this.empresas = this.empresas.filter((e) => e.uuid !== empresa.uuid);
    this.empresas.push(empresa);
    return empresa;
  }

  empresa(uuid: string): Empresa | undefined {
    return this.empresas.find((e) => e.uuid === uuid);
  }

  listEmpresas(): Empresa[] {
    return [...this.empresas];
  }

  cliente(uuid: string): Cliente | undefined {
    return this.clientes.find((c) => c.uuid === uuid);
  }

  listClientes(): Cliente[] {
    return [...this.clientes];
  }

  addCliente(
    fields: Omit<Cliente, 'id' | 'uuid' | 'organizacion_uuid' | 'activo' | 'created_at' | 'updated_at'>,
  ): Cliente {
    const now = mexicoLocal(this.clock.now());
    const cliente: Cliente = {
      id: this.nextId++,
      uuid: newUuid(),
      organizacion_uuid: ORGANIZACION_UUID,
      activo: true,
      created_at: now,
      updated_at: now,
      ...fields,
    };
    this.clientes.push(cliente);
    return cliente;
  }

  updateCliente(uuid: string, fields: Partial<Cliente>): Cliente | undefined {
    const cliente = this.cliente(uuid);
    if (!cliente) return undefined;
    Object.assign(cliente, fields, { updated_at: mexicoLocal(this.clock.now()) });
    return cliente;
  }

  reset(): void {
    this.empresas = [];
    this.clientes = [];
    this.nextId = 1;
    this.seed();
  }
}
