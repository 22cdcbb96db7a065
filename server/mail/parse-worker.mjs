// Entry of a mail parse worker (parse-pool.ts). Plain JS because a worker thread gets no TypeScript
// loader of its own: the pool starts it with `execArgv: []` (so it inherits neither tsx's loader
// from `npm start` nor anything else), and this file registers tsx once for this thread. The
// import of the TypeScript part must be dynamic: a static one would be resolved before register().
import { register } from "tsx/esm/api";

register();
await import("./parse-worker-main.ts");
