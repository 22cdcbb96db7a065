import fs from "node:fs";

/** One process of a tree: its resident memory and what it runs. */
export interface TreeProcess {
  pid: number;
  rssKiB: number;
  command: string;
}

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // exited meanwhile
  }
  const out: number[] = [];
  for (const t of tasks) {
    try {
      out.push(...fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" ").filter(Boolean).map(Number));
    } catch {
      /* thread gone */
    }
  }
  return out;
}

/**
 * `pid` and all its descendants (Linux /proc), each with VmRSS. Threads share their process's
 * memory, so each process counts once; a process that exits during the walk is left out.
 */
export function processTree(pid: number): TreeProcess[] {
  const out: TreeProcess[] = [];
  const walk = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const command = fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      out.push({ pid: p, rssKiB, command });
    } catch {
      return;
    }
    for (const c of childrenOf(p)) walk(c);
  };
  walk(pid);
  return out;
}
