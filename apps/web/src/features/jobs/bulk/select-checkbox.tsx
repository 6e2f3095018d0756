import styles from "@/features/jobs/bulk/select-checkbox.module.css";

/** Props of {@link SelectCheckbox}. */
export interface SelectCheckboxProps {
  /** The accessible name ("Select <job name>", "Select all loaded jobs"). */
  label: string;
  checked: boolean;
  /** Shown as a dash and announced "mixed" (the header box when some rows are selected). */
  indeterminate?: boolean;
  /** Called with the new state and whether Shift was held (a range in the list). */
  onChange: (checked: boolean, shift: boolean) => void;
}

/** A native checkbox for selecting rows; Space toggles it, Shift+click extends a range. */
export function SelectCheckbox({
  label,
  checked,
  indeterminate = false,
  onChange,
}: SelectCheckboxProps) {
  return (
    <input
      type="checkbox"
      className={styles.checkbox}
      aria-label={label}
      checked={checked}
      ref={(element) => {
        // Only a DOM property, no attribute, can make a checkbox mixed.
        if (element) element.indeterminate = indeterminate;
      }}
      // ⚠️ React fires a checkbox's change from its click event, which carries the modifiers.
      onChange={(event) => {
        const native = event.nativeEvent;
        onChange(event.target.checked, native instanceof MouseEvent && native.shiftKey);
      }}
    />
  );
}
