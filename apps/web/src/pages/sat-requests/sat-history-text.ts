import type { SatHistoryParams } from '@boveda/contracts';
import type { SatHistoryEvent } from '../../api/types.js';
import type { Messages } from '../../i18n/es-MX.js';
import { lookup } from '../../i18n/lookup.js';
import type { SatTextHelpers } from '../../i18n/sat-history-es-MX.js';
import { stateLabel } from './sat-labels.js';

const helpers = (t: Messages): SatTextHelpers => ({
  state: (state) => stateLabel(state, t),
  operation: (operation) => lookup(t.sat.operations, operation) ?? operation,
});

/**
 * A history line in the person's language, from its code and params. Lines written before the
 * server sent codes (or with a code this web does not know yet) keep the server's own message.
 */
export function historyText(
  event: Pick<SatHistoryEvent, 'code' | 'params' | 'message'>,
  t: Messages,
): string {
  if (!event.code) return event.message;
  const params = event.params ?? {};
  const own = lookup(t.satHistory.events, event.code);
  if (own) return own(params, helpers(t));
  const reason = lookup(t.satHistory.attention, event.code);
  return reason ? reason(params) : event.message;
}

/**
 * Why a request needs a person, in the person's language: by its code when the server sent one,
 * else the server's stored sentence (rows older than the codes), else nothing.
 */
export function attentionText(
  coded: { code: string; params: SatHistoryParams } | null | undefined,
  serverText: string | null,
  t: Messages,
): string | null {
  const text = coded ? lookup(t.satHistory.attention, coded.code) : undefined;
  return text ? text(coded!.params) : serverText;
}
