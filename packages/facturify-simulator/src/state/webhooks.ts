import type { SimClock } from './clock.js';

/** The body Facturify POSTs to a callback URL (doc §1.8): `{module, action, status, data}`. */
export interface WebhookBody {
  module: 'invoice';
  action: 'STAMP' | 'CANCELLATION';
  status: 'TIMBRADO' | 'CANCELADO' | 'ERROR';
  data: Record<string, unknown>;
}

export interface Delivery {
  seq: number;
  url: string;
  body: WebhookBody;
  sent_at: string;
  /** The receiver's HTTP status; null while in flight or when it could not be reached. */
  status: number | null;
  error: string | null;
}

/**
 * Sends webhooks (one attempt, 5 s timeout, no signature: none is documented, doc §1.8) and remembers
 * each delivery for `GET /__admin/webhooks`.
 */
export class WebhookSender {
  private deliveries: Delivery[] = [];
  private inFlight = new Set<Promise<void>>();
  private seq = 0;

  constructor(private readonly clock: SimClock) {}

  send(url: string, body: WebhookBody): void {
    const delivery: Delivery = {
      seq: ++this.seq,
      url,
      body,
      sent_at: this.clock.now().toISOString(),
      status: null,
      error: null,
    };
    this.deliveries.push(delivery);
    const work = fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'boveda-facturify-simulator' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    })
      .then(async (response) => {
        delivery.status = response.status;
        await response.arrayBuffer().catch(() => undefined);
      })
      .catch((error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  list(): Delivery[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  /** Resolves when every delivery started so far has finished. */
  async settle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  clear(): void {
    this.deliveries = [];
  }
}
