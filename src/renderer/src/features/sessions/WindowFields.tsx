/**
 * A session's date, start and end in the laptop's time zone, checked as they are typed. A window
 * that crosses midnight is asked for explicitly ("Ends the next day") and then shown "+1 day"
 * beside the end; an end at or before the start otherwise is refused beside the Ends field.
 */
import { FieldError } from '../../components/FieldError.tsx';
import { windowFromInputs } from '../../lib/local-time.ts';

export interface WindowDraft {
  date: string;
  start: string;
  end: string;
  endsNextDay: boolean;
}

/** The field a core issue path stands for, for formErrors. */
export const WINDOW_FIELDS = { startMs: 'start', endMs: 'end' } as const;

export function WindowFields({
  value,
  onChange,
  disabled,
  errors,
  prefix,
}: {
  value: WindowDraft;
  onChange: (v: WindowDraft) => void;
  disabled?: boolean;
  /** Errors from the core by field ('date' | 'start' | 'end'), shown when the inputs look right. */
  errors?: Record<string, string>;
  /** Input names: `${prefix}-date` etc. */
  prefix: string;
}) {
  const check = windowFromInputs(value.date, value.start, value.end, value.endsNextDay);
  const err = (f: 'date' | 'start' | 'end') => (!check.ok && check.field === f ? check.message : (errors?.[f] ?? null));
  const set = (p: Partial<WindowDraft>) => onChange({ ...value, ...p });
  return (
    <>
      <label>
        Date
        <input
          type="date"
          value={value.date}
          onChange={(e) => set({ date: e.target.value })}
          required
          disabled={disabled}
          name={`${prefix}-date`}
          aria-invalid={err('date') ? true : undefined}
        />
        <FieldError message={err('date')} />
      </label>
      <label>
        Starts
        <input
          type="time"
          value={value.start}
          onChange={(e) => set({ start: e.target.value })}
          required
          disabled={disabled}
          name={`${prefix}-start`}
          aria-invalid={err('start') ? true : undefined}
        />
        <FieldError message={err('start')} />
      </label>
      <label className="window-end">
        <span>
          Ends{' '}
          {value.endsNextDay && (
            <span className="tag next-day" title="The session ends on the day after it starts">
              +1 day
            </span>
          )}
        </span>
        <input
          type="time"
          value={value.end}
          onChange={(e) => set({ end: e.target.value })}
          required
          disabled={disabled}
          name={`${prefix}-end`}
          aria-invalid={err('end') ? true : undefined}
          aria-describedby={err('end') ? `${prefix}-end-err` : undefined}
        />
        <FieldError message={err('end')} id={`${prefix}-end-err`} />
      </label>
      <label className="check-label">
        <input
          type="checkbox"
          checked={value.endsNextDay}
          onChange={(e) => set({ endsNextDay: e.target.checked })}
          disabled={disabled}
          name={`${prefix}-next-day`}
        />
        Ends the next day (past midnight)
      </label>
    </>
  );
}
