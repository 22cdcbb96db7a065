/** The Emscripten factory node-unrar-js ships without types: each call makes a new unrar instance. */
declare module "node-unrar-js/dist/js/unrar.js" {
  const createUnrar: (options?: { wasmBinary?: ArrayBuffer }) => Promise<unknown>;
  export default createUnrar;
}
