import { useId, type ReactNode } from 'react';

/**
 * A real radio group (native radios share a name, so arrow keys move between them and check), named
 * by its legend; its hint and error are read with it.
 */
export function RadioGroup(props: {
  legend: string;
  name: string;
  value: string | null;
  options: readonly { value: string; label: ReactNode }[];
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  column?: boolean;
}) {
  const id = useId();
  return (
    <fieldset
      className="lp-field"
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-describedby={props.error ? `${id}-error` : undefined}
      aria-required={props.required || undefined}
      aria-invalid={props.error ? true : undefined}
    >
      <legend id={`${id}-legend`}>
        {props.legend}
        {props.required && (
          <span className="lp-required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      <div className={props.column ? 'lp-choices column' : 'lp-choices'}>
        {props.options.map((o) => (
          <label key={o.value} className="lp-choice">
            <input type="radio" name={props.name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {props.error && (
        <span className="lp-error-text" id={`${id}-error`}>
          {props.error}
        </span>
      )}
    </fieldset>
  );
}

/** A labelled textarea with an optional hint and error. */
export function TextField(props: { label: string; name: string; value: string; onChange: (value: string) => void; hint?: string; error?: string; rows?: number; maxLength?: number }) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div>
      <label className="lp-label" htmlFor={id}>
        {props.label}
      </label>
      {props.hint && (
        <span className="lp-hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        value={props.value}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
      {props.error && (
        <span className="lp-error-text" id={`${id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}
