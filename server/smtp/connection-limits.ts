import { isIPv6 } from "node:net";

/**
 * Whose share of the listener a connection uses: an IPv4 address, or the /64 of an IPv6 address
 * (one host or subscriber usually holds a whole /64, so counting single IPv6 addresses caps nothing).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...new Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/**
 * How many of `connections` (smtp-server's live set, the new one included) share `key`. Counted
 * on the live set rather than kept in a map, so a connection that ends in any way (refused,
 * timed out, reset) stops counting without bookkeeping that could drift.
 */
export function connectionsFrom(connections: Iterable<{ remoteAddress?: string }>, key: string): number {
  let n = 0;
  for (const c of connections) if (c.remoteAddress && addressKey(c.remoteAddress) === key) n++;
  return n;
}
