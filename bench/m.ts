import { Worker } from "node:worker_threads";
const url = new URL("./w.ts", import.meta.url).href;
await new Promise<void>((res) => {
  const w = new Worker(`import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(url)}); })`, { eval: true, workerData: { n: 7 } });
  w.on("message", (m) => { console.log("got", m); w.terminate().then(() => res()); });
  w.on("error", (e) => { console.error("err", String(e)); res(); });
});
