import { fileURLToPath, URL } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Where `/api` goes in `vite dev` and `vite preview` (the Django service). */
const apiProxyTarget = process.env.API_PROXY_TARGET ?? "http://127.0.0.1:8000";
/** Where the live-update stream goes (the events service, uvicorn). */
const eventsProxyTarget = process.env.EVENTS_PROXY_TARGET ?? "http://127.0.0.1:8001";

// First match wins: the stream before the rest of `/api`.
const proxy = {
  "/api/jobs/events/": { target: eventsProxyTarget, changeOrigin: false },
  "/api": { target: apiProxyTarget, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: { proxy },
  preview: { proxy },
  build: {
    manifest: true,
    sourcemap: true,
  },
});
