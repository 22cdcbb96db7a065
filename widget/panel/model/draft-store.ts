/**
 * Where a report waits while it cannot be sent: IndexedDB of the host page's origin, which holds
 * files as Blobs and survives a reload or a closed tab. Where IndexedDB is missing or refused
 * (private modes, storage disabled) the draft lives in memory only, for as long as the page does.
 */
export interface Draft {
  /** Also the Idempotency-Key: one draft, at most one ticket. */
  key: string;
  siteKey: string;
  url: string;
  fields: Record<string, string>;
  files: { name: string; blob: Blob }[];
  savedAt: number;
}

export interface DraftStore {
  put(d: Draft): Promise<void>;
  delete(key: string): Promise<void>;
  list(siteKey: string): Promise<Draft[]>;
}

export function memoryStore(): DraftStore {
  const drafts = new Map<string, Draft>();
  return {
    put(d) { drafts.set(d.key, d); return Promise.resolve(); },
    delete(key) { drafts.delete(key); return Promise.resolve(); },
    list: (siteKey) => Promise.resolve([...drafts.values()].filter((d) => d.siteKey === siteKey)),
  };
}

const DB = "tidings-widget";
const STORE = "drafts";

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    // An error event always carries the request's error (a DOMException).
    req.onerror = () => reject(req.error!);
  });

export function indexedDbStore(idb: IDBFactory): DraftStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "key" });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error!);
      req.onblocked = () => reject(new Error("IndexedDB blocked"));
    }));
  const tx = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    async put(d) { await done((await tx("readwrite")).put(d)); },
    async delete(key) { await done((await tx("readwrite")).delete(key)); },
    async list(siteKey) { return ((await done((await tx("readonly")).getAll())) as Draft[]).filter((d) => d.siteKey === siteKey); },
  };
}

/** IndexedDB when it works; memory otherwise. A failing write falls back too, never loses the draft. */
export function browserStore(): DraftStore {
  const memory = memoryStore();
  if (typeof indexedDB === "undefined") return memory;
  const idb = indexedDbStore(indexedDB);
  return {
    put: (d) => idb.put(d).catch(() => memory.put(d)),
    delete: async (key) => { await Promise.allSettled([idb.delete(key), memory.delete(key)]); },
    list: async (siteKey) => {
      const [a, b] = await Promise.all([idb.list(siteKey).catch(() => []), memory.list(siteKey)]);
      return [...a, ...b.filter((d) => !a.some((x) => x.key === d.key))];
    },
  };
}

/**
 * A flag in localStorage that some draft waits, so that widget.js on the next page load knows to
 * fetch the dialog chunk and send it, without opening IndexedDB on every page view.
 */
export const pendingFlag = (siteKey: string) => `tidings:pending:${siteKey}`;

export function setPendingFlag(siteKey: string, pending: boolean): void {
  try {
    if (pending) localStorage.setItem(pendingFlag(siteKey), "1");
    else localStorage.removeItem(pendingFlag(siteKey));
  } catch {
    /* storage disabled: the draft still waits in this page */
  }
}
