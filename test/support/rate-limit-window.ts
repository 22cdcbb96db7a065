/**
 * The shared rate limits count in windows aligned on the epoch (rate-limit/store.ts), so a test
 * that counts requests up to a limit must not straddle a window's end, where the count starts to
 * slide out. Waits, if need be, until a window has begun that leaves `needMs` to the test.
 */
export async function awayFromWindowEdge(windowMs: number, needMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
}
