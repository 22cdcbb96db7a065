/**
 * The browser's own capture, for the pages html2canvas still cannot draw: `getDisplayMedia` asks
 * the user to share this tab, one frame is taken, and every track stops at once, so the browser's
 * "sharing" indicator shows for a moment only. The widget is hidden from before the browser asks
 * until the frame is taken, so the stream never holds a frame with the dialog in it.
 */

type DisplayMediaOptions = DisplayMediaStreamOptions & {
  preferCurrentTab?: boolean;
  selfBrowserSurface?: "include" | "exclude";
  surfaceSwitching?: "include" | "exclude";
  monitorTypeSurfaces?: "include" | "exclude";
};

export function canCaptureWithBrowser(): boolean {
  return window.isSecureContext && typeof navigator.mediaDevices?.getDisplayMedia === "function";
}

const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/** A frame painted after this call: the one that was current may predate the widget's hiding. */
function nextFrame(video: HTMLVideoElement): Promise<void> {
  const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
  return v.requestVideoFrameCallback ? new Promise((r) => v.requestVideoFrameCallback(() => r())) : nextPaint();
}

/**
 * Must be called from the click that asks for it, before anything awaits: the browser grants
 * getDisplayMedia only to a page the user has just interacted with.
 */
export async function captureWithBrowser(widget: HTMLElement): Promise<Blob> {
  const focused = widget.shadowRoot?.activeElement as HTMLElement | null | undefined;
  const restore = hide(widget);
  let stream: MediaStream | null = null;
  try {
    const options: DisplayMediaOptions = {
      video: { displaySurface: "browser" },
      audio: false,
      preferCurrentTab: true,
      selfBrowserSurface: "include",
      surfaceSwitching: "exclude",
      monitorTypeSurfaces: "exclude",
    };
    stream = await navigator.mediaDevices.getDisplayMedia(options);
    const video = document.createElement("video");
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    await nextPaint();
    await nextFrame(video);
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")!.drawImage(video, 0, 0);
    video.srcObject = null;
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob || !canvas.width) throw new Error("The browser's capture gave no picture: no blob");
    return blob;
  } finally {
    for (const track of stream?.getTracks() ?? []) track.stop();
    restore();
    focused?.focus();
  }
}

/**
 * Hides what the widget shows, until the returned function is called. Not on the host element:
 * its shadow's `:host { visibility: visible !important }` (kept against hostile pages) wins over
 * any style the page side sets there; an inline style inside the shadow wins over that.
 */
function hide(widget: HTMLElement): () => void {
  const parts = Array.from(widget.shadowRoot?.children ?? [widget]) as HTMLElement[];
  const before = parts.map((el) => [el.style.getPropertyValue("visibility"), el.style.getPropertyPriority("visibility")] as const);
  for (const el of parts) el.style.setProperty("visibility", "hidden", "important");
  return () =>
    parts.forEach((el, i) => {
      const [value, priority] = before[i]!;
      if (value) el.style.setProperty("visibility", value, priority);
      else el.style.removeProperty("visibility");
    });
}
