import type { OAuthScope } from '@boveda/contracts';

/** Applications (OAuth) settings and the consent page. */
export const oauthEsMX = {
  title: 'Aplicaciones (OAuth)',
  intro:
    'Aplicaciones que usan la API con OAuth 2.0: un sistema del despacho con client_credentials, o una app que actúa por una persona con su permiso (authorization_code con PKCE).',
  adminOnly: 'Solo administradores y propietarios pueden ver y registrar aplicaciones.',
  newTitle: 'Nueva aplicación',
  name: 'Nombre',
  namePlaceholder: 'p. ej. ERP del despacho',
  role: 'Rol máximo',
  type: 'Tipo',
  types: {
    confidential: 'Confidencial (con secreto)',
    public: 'Pública (sin secreto, solo PKCE)',
  },
  redirectUris: 'URIs de redirección (una por línea, opcional)',
  create: 'Registrar aplicación',
  creating: 'Registrando…',
  tableCaption: 'Aplicaciones registradas',
  empty: 'Aún no hay aplicaciones.',
  colName: 'Nombre',
  colClientId: 'client_id',
  colRole: 'Rol',
  colGrants: 'Flujos',
  colCreated: 'Creada',
  colLastUsed: 'Último uso',
  colStatus: 'Estado',
  colActions: 'Acciones',
  active: 'Activa',
  revoked: 'Revocada',
  revoke: 'Revocar',
  revokeTitle: 'Revocar aplicación',
  revokeConfirm: (name: string) =>
    `¿Revocar «${name}»? La aplicación y todos sus tokens dejarán de funcionar de inmediato.`,
  revokeAction: 'Sí, revocar',
  revoking: 'Revocando…',
  createdTitle: 'Aplicación registrada',
  createdIntro: (name: string) => `Estas son las credenciales de «${name}».`,
  clientIdLabel: 'client_id',
  secretLabel: 'client_secret',
  onceWarning: 'Copia el secreto ahora: no se volverá a mostrar.',
  publicNoSecret: 'Es una aplicación pública: no tiene secreto y debe usar PKCE.',
  copy: 'Copiar',
  copied: 'Copiado',
  copyFailed: 'No se pudo copiar. El secreto quedó seleccionado: cópialo con Ctrl+C o ⌘+C.',
  done: 'Listo',
  consent: {
    title: 'Autorizar aplicación',
    asks: (app: string, org: string, permission: string) =>
      `${app} quiere acceder a ${org} con permiso de ${permission}.`,
    actsAs: 'Actuará en tu nombre, sin pasar nunca de tu rol en la organización.',
    permissions: {
      read: 'lectura',
      write: 'lectura y escritura',
      admin: 'administración',
      owner: 'propietario',
    } satisfies Record<OAuthScope, string>,
    redirectNote: (host: string) => `Después volverás a ${host}.`,
    allow: 'Permitir',
    cancel: 'Cancelar',
    sending: 'Enviando…',
    loading: 'Revisando la solicitud…',
  },
};

export type OAuthMessages = typeof oauthEsMX;
