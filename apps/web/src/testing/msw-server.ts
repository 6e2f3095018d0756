import { setupServer } from "msw/node";

import { fakeApiHandlers } from "@/testing/fake-api";

/** The network of every test: the fake jobs API unless a test overrides a handler. */
export const server = setupServer(...fakeApiHandlers);
