import { useId, type InputHTMLAttributes, type Ref } from "react";

import styles from "@/components/ui/text-field.module.css";
import { codePointLength } from "@/lib/code-points";

/** Props of {@link TextField}: a native input plus label, hint, counter and error. */
export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  /** Hide the label visually (it stays the accessible name). */
  hideLabel?: boolean;
  /** Error text shown under the field and announced (`role="alert"`). */
  error?: string | null;
  /** Shows "used/max" when set together with `value`. */
  counterMax?: number;
  /**
   * The "used" of the counter. Defaults to the value's Unicode code points.
   * ⚠️ Not `value.length`, which counts UTF-16 code units ("😀" is 2).
   */
  counterUsed?: number;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled text input; the error and counter are tied to it through `aria-describedby`. */
export function TextField({
  label,
  hideLabel = false,
  error,
  counterMax,
  counterUsed,
  value,
  className,
  ref,
  ...rest
}: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const length = counterUsed ?? (typeof value === "string" ? codePointLength(value) : 0);
  const describedBy = [error ? errorId : null, counterMax ? counterId : null].filter(Boolean);
  return (
    <div className={[styles.field, className].filter(Boolean).join(" ")}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : styles.label}>
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        value={value}
        className={styles.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy.length > 0 ? describedBy.join(" ") : undefined}
        {...rest}
      />
      <div className={styles.meta}>
        {error ? (
          <p id={errorId} className={styles.error} role="alert">
            {error}
          </p>
        ) : null}
        {counterMax ? (
          <p
            id={counterId}
            className={length > counterMax ? styles.counterOver : styles.counter}
            aria-live="polite"
          >
            {length}/{counterMax}
          </p>
        ) : null}
      </div>
    </div>
  );
}
