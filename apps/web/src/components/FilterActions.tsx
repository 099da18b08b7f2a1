/** The two buttons under a filter form: apply what is typed, or clear every filter at once. */
export function FilterActions({
  applyLabel,
  clearLabel,
  onClear,
  className = '',
}: {
  applyLabel: string;
  clearLabel: string;
  onClear(): void;
  className?: string;
}) {
  return (
    <div className={`flex items-end gap-2 ${className}`}>
      <button type="submit" className="btn btn-primary">
        {applyLabel}
      </button>
      <button type="button" className="btn btn-secondary" onClick={onClear}>
        {clearLabel}
      </button>
    </div>
  );
}
