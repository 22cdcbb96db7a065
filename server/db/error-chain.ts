/**
 * An error and the errors it wraps (`cause`), outermost first. Drivers wrap differently (drizzle
 * puts the driver's error in `cause`), so every rule that reads a code walks this chain.
 */
export function* errorChain(err: unknown, maxDepth = 6): Generator<{ code?: unknown; errno?: unknown; message?: unknown; constraint_name?: unknown; constraint?: unknown }> {
  for (let cur: unknown = err, depth = 0; cur && depth < maxDepth; cur = (cur as { cause?: unknown }).cause, depth++) {
    yield cur;
  }
}
