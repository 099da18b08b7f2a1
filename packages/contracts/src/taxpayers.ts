/**
 * Error codes of the taxpayers / e.firma API with the text a person reads. The API sends `title`
 * and `detail` in English; the web app shows `es` by code.
 */
export const taxpayerErrorMessages = {
  EFIRMA_MISSING_FILE: {
    en: 'Upload the certificate (.cer), the private key (.key) and the password of the e.firma.',
    es: 'Sube el certificado (.cer), la llave privada (.key) y la contraseña de la e.firma.',
  },
  EFIRMA_NOT_A_CERTIFICATE: {
    en: 'The certificate file is not a SAT certificate (.cer).',
    es: 'El archivo de certificado no es un certificado del SAT (.cer).',
  },
  EFIRMA_NOT_ISSUED_BY_SAT: {
    en: 'The certificate was not issued by the SAT. Upload the e.firma certificate (.cer) the SAT gave you.',
    es: 'El certificado no fue emitido por el SAT. Sube el certificado de la e.firma (.cer) que te entregó el SAT.',
  },
  EFIRMA_NOT_A_KEY: {
    en: 'The private key file is not an encrypted private key (.key) as issued by the SAT.',
    es: 'El archivo de llave privada no es una llave privada cifrada (.key) como la entrega el SAT.',
  },
  EFIRMA_KEY_UNSUPPORTED: {
    en: 'The private key is encrypted with settings the SAT does not use. Upload the .key file as the SAT issued it.',
    es: 'La llave privada está cifrada con parámetros que el SAT no usa. Sube el archivo .key tal como lo entregó el SAT.',
  },
  EFIRMA_IS_CSD: {
    en: 'This is a CSD (sello digital), not an e.firma. Upload the e.firma (FIEL) files.',
    es: 'Este es un CSD (sello digital), no una e.firma. Sube los archivos de la e.firma (FIEL).',
  },
  EFIRMA_EXPIRED: {
    en: 'The e.firma has expired. Renew it with the SAT and upload the new files.',
    es: 'La e.firma está vencida. Renuévala ante el SAT y sube los archivos nuevos.',
  },
  EFIRMA_NOT_YET_VALID: {
    en: 'The e.firma is not valid yet. Upload it again once its validity starts.',
    es: 'La e.firma todavía no es válida. Súbela de nuevo cuando inicie su vigencia.',
  },
  EFIRMA_BAD_PASSWORD: {
    en: 'The password does not open the private key.',
    es: 'La contraseña no abre la llave privada.',
  },
  EFIRMA_KEY_MISMATCH: {
    en: 'The private key does not belong to the certificate.',
    es: 'La llave privada no corresponde al certificado.',
  },
  EFIRMA_CHECK_UNAVAILABLE: {
    en: 'The e.firma could not be checked right now. Try again in a moment.',
    es: 'No se pudo revisar la e.firma en este momento. Intenta de nuevo en unos minutos.',
  },
  TAXPAYER_ALREADY_EXISTS: {
    en: 'A taxpayer with this RFC is already registered. Remove it first to replace its e.firma.',
    es: 'Ya hay un contribuyente registrado con este RFC. Elimínalo primero para reemplazar su e.firma.',
  },
  TAXPAYER_NOT_FOUND: {
    en: 'There is no registered taxpayer with that RFC.',
    es: 'No hay un contribuyente registrado con ese RFC.',
  },
} as const satisfies Record<string, { en: string; es: string }>;

export type TaxpayerErrorCode = keyof typeof taxpayerErrorMessages;

/** e.firma expiring in fewer days than this is flagged (`expiresSoon`). */
export const EFIRMA_EXPIRY_WARNING_DAYS = 30;
