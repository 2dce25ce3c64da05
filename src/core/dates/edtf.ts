/**
 * The one EDTF pattern of the code base: a calendar date at year, month or day precision (EDTF level 0,
 * ISO 8601): YYYY, YYYY-MM, YYYY-MM-DD. Used for reference dates (sidecar `document.reference`, Set Reference Date,
 * the CLI's --reference) and the annotation schema. `EDTF_DATE_TIME` adds an optional time of day and captures the
 * parts (year, month, day, hour, minute, second), for the references the date rules resolve against.
 */
export const EDTF_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

export const EDTF_DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$/;

/** The message for a value that is not an EDTF date. */
export const EDTF_DATE_HINT = 'Use YYYY, YYYY-MM or YYYY-MM-DD';

export function isEdtfDate(value: string): boolean {
  return EDTF_DATE.test(value);
}
