/**
 * `tenants/<tenantId>/clientes/<RFC>/`: the per-client folder users know from the system Bóveda
 * replaces, under the tenant. Every object of a client (its e.firma here, its SAT packages and
 * manifests in sat-download) lives under it, so this is the one place that spells it. Object keys
 * may not hold `&`, a valid RFC letter: it is written `_`, which no RFC contains, so the folder
 * name still maps back to one RFC.
 */
export function clientFolder(tenantId: string, rfc: string): string {
  return `tenants/${tenantId}/clientes/${rfc.replaceAll('&', '_')}/`;
}
