/**
 * What counts as a text log: UTF-8 that decodes without error, holds no NUL byte and is almost all
 * printable. Tabs, line ends, form feeds and ESC (colour codes in console logs) are printable here;
 * up to 1% other control characters are tolerated because real logs carry stray ones.
 */

const MAX_CONTROL_SHARE = 0.01;

function isControl(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x1b) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export interface TextCheck {
  push(chunk: Uint8Array): void;
  /** Whether everything pushed so far, taken as a whole, is a text log. */
  done(): boolean;
}

/** A streaming check, so an entry can be judged in full without being held in memory. */
export function createTextCheck(): TextCheck {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let ok = true;
  let chars = 0;
  let controls = 0;
  const count = (text: string): void => {
    chars += text.length;
    for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) controls += 1;
  };
  return {
    push(chunk) {
      if (!ok) return;
      if (chunk.includes(0)) { ok = false; return; }
      try { count(decoder.decode(chunk, { stream: true })); } catch { ok = false; }
    },
    done() {
      if (!ok) return false;
      try { count(decoder.decode()); } catch { return false; }
      return controls <= chars * MAX_CONTROL_SHARE;
    },
  };
}

export function isTextLog(bytes: Uint8Array): boolean {
  const check = createTextCheck();
  check.push(bytes);
  return check.done();
}
