import type { Deps } from "../../deps";
import type { InboundResult, StoreDelivery } from "./inbound-mail";
import { storeAlone } from "./inbound-mail";
import { storeDeliveries, type Delivery } from "./inbound-store";

export interface BatcherOptions {
  /** The most mails one transaction writes. */
  maxBatch: number;
  /**
   * Transactions in flight at once: while they run, the next mails gather into a batch. One
   * measured best (bench/mail-inbound.ts: bigger batches; a commit here takes about 0.5 ms).
   */
  concurrency: number;
}

/**
 * Group commit for inbound mail. Each delivery waits for a free transaction slot; when one frees,
 * everything that gathered meanwhile is written together (services/mail/inbound-store.ts). A quiet
 * listener thus writes each mail at once, a busy one many per round trip and commit: the mails/s
 * of bench/mail-inbound.ts. Every mail is still answered only after its own batch committed.
 * A failed batch is retried mail by mail, so one bad mail (or a lost race on a Message-ID)
 * costs the others nothing.
 */
export function createDeliveryBatcher(deps: Deps, opts: BatcherOptions = { maxBatch: 32, concurrency: 1 }): StoreDelivery {
  const waiting: { d: Delivery; resolve: (r: InboundResult) => void; reject: (e: unknown) => void }[] = [];
  const alone = storeAlone(deps);
  let running = 0;

  const write = async (batch: typeof waiting) => {
    if (batch.length > 1) {
      try {
        const results = await storeDeliveries(deps, batch.map((w) => w.d));
        batch.forEach((w, i) => w.resolve(results[i]!));
        return;
      } catch (err) {
        deps.log.info({ err: String(err), mails: batch.length }, "inbound batch failed; storing its mails one by one");
      }
    }
    for (const w of batch) await alone(w.d).then(w.resolve, w.reject);
  };

  const pump = () => {
    while (running < opts.concurrency && waiting.length) {
      const batch = waiting.splice(0, opts.maxBatch);
      running++;
      void write(batch).finally(() => {
        running--;
        pump();
      });
    }
  };

  return (d) => new Promise<InboundResult>((resolve, reject) => {
    waiting.push({ d, resolve, reject });
    pump();
  });
}
