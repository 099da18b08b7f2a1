import { defineErrorCatalogue } from './define.js';

/** Taxpayers and their e.firma. */
export const taxpayerErrors = defineErrorCatalogue({
  EFIRMA_MISSING_FILE: {
    status: 422,
    title: 'A file or the password of the e.firma is missing',
    text: {
      es: 'Sube el certificado (.cer), la llave privada (.key) y la contraseña de la e.firma.',
      en: 'Upload the certificate (.cer), the private key (.key) and the password of the e.firma.',
    },
    when: 'The certificate, the key or the password is missing or empty.',
  },
  EFIRMA_NOT_A_CERTIFICATE: {
    status: 422,
    title: 'Not a SAT certificate',
    text: {
      es: 'El archivo de certificado no es un certificado del SAT (.cer).',
      en: 'The certificate file is not a SAT certificate (.cer).',
    },
    when: 'Not an X.509 certificate, no RFC or name in it, or a key the SAT does not issue (not RSA, over 4096 bits).',
  },
  EFIRMA_NOT_ISSUED_BY_SAT: {
    status: 422,
    title: 'The certificate was not issued by the SAT',
    text: {
      es: 'El certificado no fue emitido por el SAT. Sube el certificado de la e.firma (.cer) que te entregó el SAT.',
      en: 'The certificate was not issued by the SAT. Upload the e.firma certificate (.cer) the SAT gave you.',
    },
    when: 'No trusted SAT certification authority issued and signed the certificate.',
  },
  EFIRMA_NOT_A_KEY: {
    status: 422,
    title: 'Not an encrypted private key as the SAT issues it',
    text: {
      es: 'El archivo de llave privada no es una llave privada cifrada (.key) como la entrega el SAT.',
      en: 'The private key file is not an encrypted private key (.key) as issued by the SAT.',
    },
    when: 'The key is not an encrypted PKCS#8 key (garbage, a certificate, an unencrypted key).',
  },
  EFIRMA_KEY_UNSUPPORTED: {
    status: 422,
    title: 'The private key uses encryption settings the SAT does not issue',
    text: {
      es: 'La llave privada está cifrada con parámetros que el SAT no usa. Sube el archivo .key tal como lo entregó el SAT.',
      en: 'The private key is encrypted with settings the SAT does not use. Upload the .key file as the SAT issued it.',
    },
    when: 'The key asks for scrypt or more than 100,000 PBKDF2 iterations (read before deriving anything).',
  },
  EFIRMA_IS_CSD: {
    status: 422,
    title: 'A CSD, not an e.firma',
    text: {
      es: 'Este es un CSD (sello digital), no una e.firma. Sube los archivos de la e.firma (FIEL).',
      en: 'This is a CSD (sello digital), not an e.firma. Upload the e.firma (FIEL) files.',
    },
    when: 'The certificate is a CSD (it has a branch OU).',
  },
  EFIRMA_EXPIRED: {
    status: 422,
    title: 'The e.firma has expired',
    text: {
      es: 'La e.firma está vencida. Renuévala ante el SAT y sube los archivos nuevos.',
      en: 'The e.firma has expired. Renew it with the SAT and upload the new files.',
    },
    when: 'The certificate’s validity ended.',
  },
  EFIRMA_NOT_YET_VALID: {
    status: 422,
    title: 'The e.firma is not valid yet',
    text: {
      es: 'La e.firma todavía no es válida. Súbela de nuevo cuando inicie su vigencia.',
      en: 'The e.firma is not valid yet. Upload it again once its validity starts.',
    },
    when: 'The certificate’s validity has not started.',
  },
  EFIRMA_BAD_PASSWORD: {
    status: 422,
    title: 'The password does not open the private key',
    text: {
      es: 'La contraseña no abre la llave privada.',
      en: 'The password does not open the private key.',
    },
    when: 'The password does not decrypt the key.',
  },
  EFIRMA_KEY_MISMATCH: {
    status: 422,
    title: 'The private key does not belong to the certificate',
    text: {
      es: 'La llave privada no corresponde al certificado.',
      en: 'The private key does not belong to the certificate.',
    },
    when: 'The key is not the certificate’s.',
  },
  EFIRMA_CHECK_UNAVAILABLE: {
    status: 503,
    title: 'The e.firma could not be checked right now',
    text: {
      es: 'No se pudo revisar la e.firma en este momento. Intenta de nuevo en unos minutos.',
      en: 'The e.firma could not be checked right now. Try again in a moment.',
    },
    when: 'The key check did not finish within 15 s, or too many checks wait in this process.',
  },
  TAXPAYER_ALREADY_EXISTS: {
    status: 409,
    title: 'A taxpayer with this RFC is already registered',
    text: {
      es: 'Ya hay un contribuyente registrado con este RFC. Elimínalo primero para reemplazar su e.firma.',
      en: 'A taxpayer with this RFC is already registered. Remove it first to replace its e.firma.',
    },
    when: 'That RFC is already active in the organization.',
  },
  TAXPAYER_NOT_FOUND: {
    status: 404,
    title: 'Taxpayer not found',
    text: {
      es: 'No hay un contribuyente registrado con ese RFC.',
      en: 'There is no registered taxpayer with that RFC.',
    },
    when: 'No active taxpayer with that RFC in the organization.',
  },
});
