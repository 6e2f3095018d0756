import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { Providers } from "@/app/providers";
import { JOB_ROW_HEIGHT_PX } from "@/config/constants";
import "@/styles/global.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The row height has one source, the TS constant the virtualized list uses; CSS reads it here.
document.documentElement.style.setProperty("--job-row-height", `${JOB_ROW_HEIGHT_PX}px`);

createRoot(root).render(
  <StrictMode>
    <Providers />
  </StrictMode>,
);
