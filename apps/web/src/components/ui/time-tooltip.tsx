import * as Tooltip from "@radix-ui/react-tooltip";

import styles from "@/components/ui/time-tooltip.module.css";
import type { ExactTimeProps } from "@/components/ui/exact-time";

/** How long the pointer rests on a time before its tooltip opens, in ms (focus opens at once). */
const OPEN_DELAY_MS = 300;

/**
 * {@link ExactTime} with its tooltip (Radix Tooltip): `exact` shows beside the time on hover and
 * on keyboard focus, and is the trigger's accessible description while shown (`aria-describedby`
 * on a `role="tooltip"` copy). Escape closes it.
 */
export function TimeTooltip({ iso, label, exact, children }: ExactTimeProps) {
  return (
    <Tooltip.Provider delayDuration={OPEN_DELAY_MS}>
      <Tooltip.Root>
        <Tooltip.Trigger type="button" className={styles.trigger}>
          <span className="visually-hidden">{label} </span>
          <time dateTime={iso}>{children}</time>
        </Tooltip.Trigger>
        {/* Into <main>, not <body>: the tooltip stays inside the page's landmarks. */}
        <Tooltip.Portal container={document.querySelector("main")}>
          <Tooltip.Content
            className={styles.content}
            side="top"
            sideOffset={4}
            collisionPadding={8}
          >
            {exact}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
