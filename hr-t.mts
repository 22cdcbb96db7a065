import { startTestApp } from "./test/support/test-app";
const t = await startTestApp("pglite");
const doc = await (await t.app.request("/api/v1/openapi.json")).json();
const walk = (n: any, path: string) => { if (!n || typeof n !== "object") return; if (n.nullable && !n.type) console.log(path, JSON.stringify(n).slice(0, 200)); for (const [k, v] of Object.entries(n)) walk(v, path + "/" + k); };
walk(doc, "");
const ops = Object.entries(doc.paths).flatMap(([p, m]: any) => Object.entries(m).map(([k, o]: any) => [k, p, Object.keys(o.responses).filter((s) => s.startsWith("4")).length, o.operationId]));
console.log(ops.filter((o) => !o[2] || !o[3]));
await t.close();
