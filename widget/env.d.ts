/** Build-time inputs of the widget bundles (vite.config.ts and server/build-assets.ts). */
declare module "*.css?inline" {
  const css: string;
  export default css;
}

/** File names of the lazy chunks, relative to widget.js, filled in when widget.js is built. */
declare const __TIDINGS_CHUNKS__: Record<import("./types").ChunkName, string>;
