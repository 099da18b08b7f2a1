import type { EmailTemplate } from '../../platform/email/index.js';

/** "¿Olvidaste tu contraseña?", or a link an administrator sent; `minutes` is how long it works. */
export const passwordResetEmail: EmailTemplate<{ link: string; minutes: number; reason: string }> = {
  subject: 'Restablece tu contraseña de Bóveda',
  text:
    '{{reason}}\n\nPara elegir una contraseña nueva, abre este enlace (sirve una sola vez y vence en ' +
    '{{minutes}} minutos):\n\n{{link}}\n\nSi no lo pediste, ignora este mensaje: tu contraseña no cambia.',
  html:
    '<p>{{reason}}</p><p>Para elegir una contraseña nueva, abre este enlace (sirve una sola vez y vence ' +
    'en {{minutes}} minutos):</p><p><a href="{{link}}">Restablecer mi contraseña</a></p>' +
    '<p>Si no lo pediste, ignora este mensaje: tu contraseña no cambia.</p>',
};
