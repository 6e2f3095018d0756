import { useId, type SelectHTMLAttributes } from "react";

import styles from "@/components/ui/select.module.css";

/** One option of {@link Select}. */
export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** Props of {@link Select}: a native select plus its label and options. */
export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  /** Hide the label visually (it stays the accessible name). */
  hideLabel?: boolean;
  options: readonly SelectOption[];
}

/** A labelled native `<select>`: keyboard and screen-reader support come for free. */
export function Select({ label, hideLabel = false, options, className, ...rest }: SelectProps) {
  const id = useId();
  return (
    <span className={[styles.wrapper, className].filter(Boolean).join(" ")}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : styles.label}>
        {label}
      </label>
      <select id={id} className={styles.select} {...rest}>
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}
