// s3rver ships no types; this is the part of its README's API the test support uses.
declare module "s3rver" {
  import type { AddressInfo } from "node:net";
  interface S3rverOptions {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: { name: string }[];
  }
  /** A Koa application: `middleware` is Koa's list, composed when the server starts listening. */
  export default class S3rver {
    constructor(options: S3rverOptions);
    middleware: ((ctx: S3rverContext, next: () => Promise<void>) => Promise<void> | void)[];
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
  export interface S3rverContext {
    method: string;
    path: string;
    query: Record<string, string | undefined>;
    headers: Record<string, string | string[] | undefined>;
    params: Record<string, string>;
    status: number;
    body: unknown;
    type: string;
    store: {
      listObjects(bucket: string, options: { prefix?: string; startAfter?: string; maxKeys?: number }): Promise<{
        objects: { key: string; size: number; lastModifiedDate: Date; metadata: Record<string, string> }[];
        isTruncated: boolean;
      }>;
    };
  }
}
