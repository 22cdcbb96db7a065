import { useEffect } from "preact/hooks";

/**
 * Calls `poll` every `ms` while the page is shown, and at once when it is shown again; starts over
 * when `key` changes (the queue's filters). The next wait starts when a poll has ended, so a slow
 * answer never stacks polls; a hidden tab asks nothing.
 */
export function usePolling(poll: () => Promise<void>, ms: number, key: string): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const loop = () => {
      timer = setTimeout(() => {
        void (async () => {
          if (!document.hidden) await poll();
          if (!stopped) loop();
        })();
      }, ms);
    };
    loop();
    const visible = () => {
      if (!document.hidden) void poll();
    };
    document.addEventListener("visibilitychange", visible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [key]);
}
