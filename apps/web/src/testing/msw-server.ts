import { setupServer } from "msw/node";

import { fakeApiHandlers } from "@/testing/fake-api";
import { fakeBulkHandlers } from "@/testing/fake-bulk-api";

/** The network of every test: the fake jobs API unless a test overrides a handler. */
export const server = setupServer(...fakeApiHandlers, ...fakeBulkHandlers);
