import {
  cfdiPackageIngested,
  invoiceEdited,
  invoiceFailed,
  invoiceProcessed,
  invoiceRejected,
  invoiceSatStatusChecked,
  invoiceStateChanged,
  orderCreated,
  orderInvoiced,
  orderReturned,
  orderStatusChanged,
  pacInvoiceFailed,
  pacInvoiceStamped,
  type SatRequestStateChanged,
  satRequestStateChanged,
  webhookEndpointDisabled,
  webhookEndpointFailing,
  webhookEndpointRecovered,
} from '@boveda/contracts';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { LiveEvent } from './types.js';

export type LiveStatus = 'connecting' | 'live' | 'offline';

const LiveContext = createContext<LiveStatus>('offline');

/** Whether the live channel is up: pages poll slowly only while it is not. */
export const useLiveStatus = () => useContext(LiveContext);

/** While the live channel is down, open requests are looked at again this often (a fallback). */
export const OFFLINE_POLL_MS = 30_000;

const invoiceEvents: readonly string[] = [
  invoiceStateChanged.type,
  invoiceEdited.type,
  invoiceProcessed.type,
  invoiceRejected.type,
  invoiceFailed.type,
  invoiceSatStatusChecked.type,
];

/**
 * A webhook endpoint's health moved (failing, disabled by the server, recovered). Single delivery
 * attempts publish no event: the delivery log polls (pages/webhooks/webhooks-api.ts).
 */
const webhookEndpointEvents: readonly string[] = [
  webhookEndpointFailing.type,
  webhookEndpointDisabled.type,
  webhookEndpointRecovered.type,
];

/** An order moved (created, status, a return, its invoice or a credit note stamped). */
const orderEvents: readonly string[] = [
  orderCreated.type,
  orderStatusChanged.type,
  orderReturned.type,
  orderInvoiced.type,
];

/** The PAC answered: an order's invoice or a return's credit note may have changed state. */
const pacInvoiceEvents: readonly string[] = [pacInvoiceStamped.type, pacInvoiceFailed.type];

/** The event types the web reacts to. */
const liveTypes = [
  satRequestStateChanged.type,
  cfdiPackageIngested.type,
  ...invoiceEvents,
  ...webhookEndpointEvents,
  ...orderEvents,
  ...pacInvoiceEvents,
];

/** The event types the web reacts to, and the cached data each one makes stale. */
export function staleKeys({ type, payload }: LiveEvent): QueryKey[] {
  switch (type) {
    case satRequestStateChanged.type:
      // Also the sync administration: a taxpayer's last SAT sync and next look moved.
      return [['sat-requests', (payload as SatRequestStateChanged).rfc], ['taxpayers'], ['schedules']];
    case cfdiPackageIngested.type:
      // The vault's CFDI, and the start page's counts of them.
      return [['cfdi'], ['taxpayers', 'home']];
    default:
      // Webhooks (pages/webhooks/webhooks-api.ts keys): the list, the endpoint and its stats.
      if (webhookEndpointEvents.includes(type)) {
        const { endpointId } = payload as { endpointId?: string };
        return [
          ['webhooks', 'endpoints'],
          ['webhooks', 'endpoint', endpointId],
          ['webhooks', 'stats', endpointId],
          ['schedules'],
        ];
      }
      // The inbox (pages/inbox/inbox-api.ts keys): its lists and counts, and the invoice that moved.
      if (invoiceEvents.includes(type)) {
        const { invoiceId } = payload as { invoiceId?: string };
        return [
          ['invoices', 'list'],
          ['invoices', 'summary'],
          ['invoices', 'detail', invoiceId],
        ];
      }
      // Orders (pages/orders/orders-api.ts keys): the lists, the order, every list of returns, its client.
      if (orderEvents.includes(type)) {
        const { number, clientId } = payload as { number?: string; clientId?: string };
        return [
          ['orders', 'list'],
          ['orders', 'detail', number],
          ['orders', 'returns'],
          ['clients', 'orders', clientId],
          ['clients', 'detail', clientId],
          ['clients', 'list'],
        ];
      }
      // Which order an invoice belongs to is not in the PAC's event: the open orders and returns look again.
      if (pacInvoiceEvents.includes(type))
        return [['orders', 'detail'], ['orders', 'returns'], ['pac-invoices']];
      return [];
  }
}

/**
 * Listens to the organization's events (`GET /api/v1/events`, Server-Sent Events) for as long as
 * someone is signed in, and marks the affected queries stale so open pages refetch what changed.
 * The browser reconnects by itself and resumes from the last event id it saw.
 */
export function LiveUpdates({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('offline');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    setStatus('connecting');
    const source = new EventSource('/api/v1/events');
    const onEvent = (message: MessageEvent<string>) => {
      try {
        const event = JSON.parse(message.data) as LiveEvent;
        for (const queryKey of staleKeys(event)) void queryClient.invalidateQueries({ queryKey });
      } catch {
        // Not ours to break on: an unreadable message is skipped.
      }
    };
    for (const type of liveTypes) source.addEventListener(type, onEvent);
    // Too much was missed to replay: everything on screen may be stale.
    source.addEventListener('reset', () => void queryClient.invalidateQueries());
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    return () => {
      source.close();
      setStatus('offline');
    };
  }, [enabled, queryClient]);

  return <LiveContext.Provider value={status}>{children}</LiveContext.Provider>;
}
