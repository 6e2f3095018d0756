import type { ButtonHTMLAttributes, Ref } from "react";

import styles from "@/components/ui/button.module.css";

/** Props of {@link Button}: a native button plus a visual variant and size. */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: "primary" | "secondary" | "danger" | "ghost";
  size?: "sm" | "md";
  ref?: Ref<HTMLButtonElement>;
}

/** A native `<button>` (type "button" unless told otherwise) in the app's styles. */
export function Button({
  variant = "secondary",
  size = "md",
  className,
  type = "button",
  ...rest
}: ButtonProps) {
  const classes = [styles.button, styles[variant], styles[size], className].filter(Boolean);
  return <button type={type} className={classes.join(" ")} {...rest} />;
}
