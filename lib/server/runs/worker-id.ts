import "server-only";

import os from "node:os";

/** This process, as named in the crawl items it holds. */
export const WORKER_ID = `${os.hostname()}:${process.pid}`;
