import net from "node:net";

/** The error a connection is destroyed with when the database stopped answering it. */
export const NO_REPLY = "DATABASE_NO_REPLY";

/**
 * Counts protocol messages in one direction of a Postgres connection. Only the framing is read
 * (type byte and length), so the cost is a few bytes per message whatever its size.
 */
class FrameCounter {
  private head = Buffer.alloc(0);
  private skip = 0;
  constructor(private untyped: boolean) {}

  feed(buf: Buffer, onMessage: (type: number) => void): void {
    let i = 0;
    while (i < buf.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, buf.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      // The startup message alone has no type byte, only its length.
      const headLength = this.untyped ? 4 : 5;
      const take = Math.min(headLength - this.head.length, buf.length - i);
      this.head = Buffer.concat([this.head, buf.subarray(i, i + take)]);
      i += take;
      if (this.head.length < headLength) return;
      const type = this.untyped ? 0 : this.head[0]!;
      this.skip = Math.max(0, this.head.readUInt32BE(headLength - 4) - 4);
      this.head = Buffer.alloc(0);
      this.untyped = false;
      onMessage(type);
    }
  }
}

const STARTUP = 0;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const READY_FOR_QUERY = 0x5a; // 'Z'

interface SocketOptions { host: string[]; port: number[]; path?: string | false; ssl?: unknown }

/**
 * A socket factory for postgres.js (its `socket` option) that destroys a connection whose
 * database has stopped answering: each startup, Sync or simple Query we send is owed one
 * ReadyForQuery; from a write until nothing is owed, a silence of `replyTimeoutMs` destroys the
 * socket, so its queries fail and its pool slot reconnects.
 *
 * Why: in a partition (packets dropped, nothing refused or closed) nothing else ends such a
 * connection: postgres.js has no query timeout, statement_timeout is enforced by a server we can
 * no longer hear, and TCP keepalive does not run while sent data is unacknowledged (retransmission
 * then takes ~15 min). Without it every pool slot that had a query in flight stays wedged after
 * the partition ends. `replyTimeoutMs` must exceed statement_timeout, so a slow statement ends
 * with the server's own error rather than a cut connection.
 *
 * Idle connections owe nothing and are never cut. Returns undefined (the driver's own socket)
 * where the bytes cannot be read: TLS, and several hosts (whose rotation the driver owns).
 */
export function replyWatchdog(replyTimeoutMs: number, opts: SocketOptions): ((o: SocketOptions) => net.Socket) | undefined {
  if (opts.ssl || opts.host.length > 1) return undefined;
  return (o) => {
    const socket = o.path ? net.connect(o.path) : net.connect({ host: o.host[0]!, port: o.port[0]! });
    // secure() reads these for the TLS server name; harmless without TLS.
    Object.assign(socket, { host: o.host[0], port: o.port[0] });
    watch(socket, replyTimeoutMs);
    return socket;
  };
}

function watch(socket: net.Socket, ms: number): void {
  let owed = 0;
  let timer: NodeJS.Timeout | null = null;
  const sent = new FrameCounter(true);
  const received = new FrameCounter(false);
  const expire = () => {
    timer = null;
    socket.destroy(Object.assign(new Error(`the database sent nothing for ${ms} ms while a reply was owed`), { code: NO_REPLY }));
  };
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const write = socket.write.bind(socket) as (...a: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (Buffer.isBuffer(chunk)) {
      sent.feed(chunk, (t) => {
        if (t === STARTUP || t === SYNC || t === QUERY) owed++;
      });
    }
    // Any write wants an answer, even one that owes no ReadyForQuery: a statement's first run
    // on a connection asks for its description (Parse, Describe, Flush) and waits for it.
    if (!timer) timer = setTimeout(expire, ms).unref();
    return write(chunk, ...rest);
  });
  socket.on("data", (chunk: Buffer) => {
    received.feed(chunk, (t) => {
      if (t === READY_FOR_QUERY && owed > 0) owed--;
    });
    // Any byte shows the server is there: while more is owed, the wait for it starts again.
    if (owed > 0) timer?.refresh();
    else disarm();
  });
  socket.on("close", disarm);
}
