import type { Context } from "hono";
import { isIP, type Socket } from "node:net";
import { nodeIncoming } from "./node-body";

/**
 * Whose request this is, for the rate limits. With `hops` proxies of ours in front (TRUST_PROXY),
 * the address the farthest of them saw: each proxy appends its peer to the right end of
 * X-Forwarded-For, so the `hops`-th entry from the right is the last one a proxy we trust wrote.
 * Everything left of it came from the client and is never read: anyone can send
 * `X-Forwarded-For: 1.2.3.4`. Without `hops`, the socket's peer.
 */
export function clientAddress(c: Context, hops: number): string {
  if (hops > 0) {
    const forwarded = forwardedClient(c.req.header("x-forwarded-for"), hops);
    if (forwarded) return forwarded;
  }
  return peerAddress(c);
}

/**
 * The client address in an X-Forwarded-For value behind `hops` trusted proxies, or null for the
 * socket's peer instead. Read from the right, so a long forged header costs nothing. A header
 * shorter than `hops` (the request joined the chain partway, say from the proxy's own host) gives
 * its leftmost entry, which a trusted proxy wrote too, as Express's `trust proxy = N` does. An
 * entry that is no IP address (a proxy set up to write something else) gives null: the request
 * then counts against the proxy's own address, one bucket nobody can leave by choosing a header.
 */
export function forwardedClient(header: string | undefined, hops: number): string | null {
  if (!header) return null;
  let end = header.length;
  let start = end;
  for (let i = 0; i < hops; i++) {
    start = header.lastIndexOf(",", end - 1);
    if (start < 0) break;
    if (i < hops - 1) end = start;
  }
  return normalise(header.slice(start + 1, end).trim());
}

/** An address as one key: no port, no brackets, IPv4-mapped IPv6 as IPv4, IPv6 lower-cased. */
function normalise(entry: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry);
  const ip = bracketed?.[1] ?? withPort?.[1] ?? entry;
  const kind = isIP(ip);
  if (kind === 4) return ip;
  if (kind !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip.toLowerCase();
}

function peerAddress(c: Context): string {
  const socket = nodeIncoming(c)?.socket;
  // app.request() in tests has no socket.
  if (!socket) return "local";
  // Once per connection: a keep-alive client sends many requests over one socket.
  let address = peers.get(socket);
  if (address === undefined) {
    const remote = socket.remoteAddress;
    address = remote ? (normalise(remote) ?? remote) : "unknown";
    peers.set(socket, address);
  }
  return address;
}

const peers = new WeakMap<Socket, string>();
