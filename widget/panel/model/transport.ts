/**
 * One POST of a ticket. XMLHttpRequest rather than fetch because only XHR reports upload progress.
 * It never rejects: a request that got no answer (offline, connection reset, blocked by CORS) is
 * status 0, which the outbox treats as "try again with the same key".
 */
export interface TransportRequest {
  url: string;
  headers: Record<string, string>;
  body: FormData;
}

export interface TransportResponse {
  status: number;
  body: unknown;
  /** Seconds from Retry-After, when the server sent it. */
  retryAfter: number | null;
}

export type Transport = (req: TransportRequest, onProgress?: (loaded: number, total: number) => void) => Promise<TransportResponse>;

const NO_ANSWER: TransportResponse = { status: 0, body: null, retryAfter: null };
const TIMEOUT_MS = 5 * 60_000;

export const xhrTransport: Transport = (req, onProgress) =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", req.url);
    for (const [k, v] of Object.entries(req.headers)) xhr.setRequestHeader(k, v);
    xhr.timeout = TIMEOUT_MS;
    // Listeners on xhr.upload must exist before send() or the browser reports nothing.
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded, e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* a proxy's HTML error page: the status alone decides */
      }
      const ra = Number(xhr.getResponseHeader("Retry-After"));
      resolve({ status: xhr.status, body, retryAfter: Number.isFinite(ra) && ra > 0 ? ra : null });
    };
    xhr.onerror = xhr.ontimeout = xhr.onabort = () => resolve(NO_ANSWER);
    xhr.send(req.body);
  });
