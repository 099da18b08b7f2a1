import {
  actorLabelKinds,
  aiTrialErrorCodes,
  invoiceCheckCodes,
  passwordRuleCodes,
  satAttentionCodes,
  satEventCodes,
  satHistoryCodes,
  satRecoveryCauses,
  systemActorLabels,
  templateRuleCodes,
  validationIssueCodes,
} from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { historyText } from '../pages/sat-requests/sat-history-text.js';
import { en } from './en.js';
import type { Messages } from './es-MX.js';
import { esMX } from './es-MX.js';

/**
 * Every code the server sends for the web to say in words (besides the error catalogue, checked in
 * error-texts.test.ts): the lists come from @boveda/contracts, which the server uses too, so a
 * code added there without its Spanish and English text fails here.
 */
const catalogues: [string, Messages][] = [
  ['es-MX', esMX],
  ['en', en],
];

// Params that fill every placeholder the texts use, so no text renders "undefined".
const sampleParams = {
  min: 3,
  max: 9,
  origin: 'string',
  divisor: 5,
  allowed: ['a', 'b'],
  keys: ['extra'],
  field: 'to',
  format: 'regex',
  minLength: 10,
  // SAT history and reasons
  from: 'accepted',
  to: 'in_progress',
  operation: 'verifica',
  satCode: 5002,
  satMessage: 'Se han agotado las solicitudes de por vida',
  satRequestId: 'sat-1',
  replacementId: 'r-2',
  requestId: 'r-1',
  cause: 'stale',
  reason: 'sat_period_limit',
  children: ['r-3', 'r-4'],
  count: 3,
  packages: 1,
  packageId: 'P_01',
  how: 'downloaded',
  size: 2048,
  rfc: 'EKU9003173C9',
  detail: 'bad key',
};

function expectText(code: string, text: string) {
  expect(text.trim().length, code).toBeGreaterThan(3);
  expect(text, code).not.toBe(code);
  expect(text, code).not.toMatch(/undefined|NaN|\[object/);
}

describe('texts of the server codes', () => {
  it.each(catalogues)('%s: every validation issue code', (_, t) => {
    expect(validationIssueCodes.length).toBeGreaterThan(15);
    for (const code of validationIssueCodes) expectText(code, t.validation.issues[code](sampleParams));
  });

  it.each(catalogues)('%s: every password rule code', (_, t) => {
    for (const code of passwordRuleCodes) expectText(code, t.validation.passwordRules[code](sampleParams));
  });

  it.each(catalogues)('%s: every SAT history line and stop reason code', (_, t) => {
    expect(satHistoryCodes.length).toBe(satEventCodes.length + satAttentionCodes.length);
    for (const code of satHistoryCodes) {
      const text = historyText({ code, params: sampleParams, message: `English ${code}` }, t);
      expectText(code, text);
      expect(text, code).not.toBe(`English ${code}`);
    }
    for (const code of satAttentionCodes) expectText(code, t.satHistory.attention[code](sampleParams));
  });

  it.each(catalogues)('%s: every recovery cause reads as words, not as its code', (_, t) => {
    for (const cause of satRecoveryCauses) {
      const text = historyText({ code: 'refiling', params: { cause }, message: '' }, t);
      expect(text, cause).not.toMatch(new RegExp(`${cause}\\.$`));
      expect(text.length, cause).toBeGreaterThan(40);
    }
  });

  it.each(catalogues)('%s: every audit actor label Bóveda writes', (_, t) => {
    for (const label of systemActorLabels) expectText(label, t.actors.system[label]);
    for (const kind of actorLabelKinds) expectText(kind, t.actors.kinds[kind]('nombre'));
  });

  it.each(catalogues)('%s: every inbox check code, and what its params say', (_, t) => {
    const params = {
      value: 'X',
      expected: '2',
      total: '1',
      printed: 'a',
      qr: 'b',
      invoiceId: 'i-1',
      reason: 'timeout',
      refused: ['total'],
    };
    for (const code of invoiceCheckCodes) {
      expectText(code, t.inbox.checks[code] ?? '');
      expect(Object.hasOwn(t.inbox.checkValues, code), code).toBe(true);
      const values = t.inbox.checkValues[code]!(params, (name) => name);
      if (values !== null) expectText(code, values);
    }
  });

  it.each(catalogues)('%s: every reason a prompt trial can fail with', (_, t) => {
    for (const code of aiTrialErrorCodes) expectText(code, t.ai.trialErrors[code]);
  });

  it.each(catalogues)('%s: every connector template rule', (_, t) => {
    for (const rule of templateRuleCodes)
      expectText(rule, t.connectors.templateRules[rule]!({ value: 'x', at: 'total' }));
  });

  it('the Spanish texts are not the English ones', () => {
    for (const code of satHistoryCodes)
      expect(historyText({ code, params: sampleParams, message: '' }, esMX), code).not.toBe(
        historyText({ code, params: sampleParams, message: '' }, en),
      );
    for (const code of validationIssueCodes)
      expect(esMX.validation.issues[code](sampleParams), code).not.toBe(
        en.validation.issues[code](sampleParams),
      );
  });
});
