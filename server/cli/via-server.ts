import type { LocalAccess } from "./local-access";

/** The request a CLI command makes of a running server's admin API instead of opening its database. */
export interface RemoteRequest<R = unknown> { method: "POST" | "GET"; path: string; body?: unknown; result?: (body: unknown, status: number) => R }

/** The running server refused the request (a 4xx): the user's input, not a fault. */
export class RemoteRefusal extends Error {}

export async function viaServer(access: LocalAccess, req: RemoteRequest): Promise<unknown> {
  const res = await fetch(`${access.url}${req.path}`, {
    method: req.method,
    headers: { Authorization: `Bearer ${access.token}`, ...(req.method === "POST" ? { "Content-Type": "application/json" } : {}) },
    body: req.method === "POST" ? JSON.stringify(req.body) : undefined,
  }).catch(() => { throw new Error(`The running server (pid ${access.pid}) did not answer at ${access.url}.`); });
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) {
    const message = body?.error?.message ?? `The running server answered ${res.status}.`;
    throw res.status < 500 ? new RemoteRefusal(message) : new Error(message);
  }
  return req.result ? req.result(body, res.status) : body;
}
