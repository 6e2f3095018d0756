/**
 * The job name rule, exactly as the API applies it (docs/api.md, "Create"): blank characters
 * are trimmed from both ends, then 1 to {@link JOB_NAME_MAX_LENGTH} characters must remain.
 * A character is a Unicode code point, as Python's `len()` and PostgreSQL's `varchar(200)`
 * count: "😀" and "漢" are 1 each, a flag "🇫🇷" is 2, "é" typed as e + U+0301 is 2.
 * ⚠️ Never `string.length` (UTF-16 code units: "😀" is 2), nor graphemes (`Intl.Segmenter`:
 * "🇫🇷" is 1): both disagree with the server.
 */
import { JOB_NAME_MAX_LENGTH } from "@/config/constants";
import { codePointLength } from "@/lib/code-points";

/**
 * Trimmed from both ends of a name; a name of only these is blank. The same set as
 * `NAME_BLANK_CHARACTERS` in `services/api/jobs/models.py` (a backend test compares them):
 * `String.prototype.trim` knows fewer (not U+200B, U+2060, U+180E, U+0085, U+001C–U+001F, nor
 * the invisible U+200E/U+200F, U+00AD, U+3164, U+2800, the other format characters and the
 * control characters).
 */
export const JOB_NAME_BLANK_CHARACTERS =
  "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u0020\u007f\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u202f\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3000\u3164\ufeff\uffa0";

/** The name without the blank characters at both ends (what the API stores). */
export function trimJobName(name: string): string {
  let start = 0;
  let end = name.length;
  // Every blank character is one UTF-16 code unit, so scanning by index is exact.
  while (start < end && JOB_NAME_BLANK_CHARACTERS.includes(name.charAt(start))) start += 1;
  while (end > start && JOB_NAME_BLANK_CHARACTERS.includes(name.charAt(end - 1))) end -= 1;
  return name.slice(start, end);
}

/** Length of the name as the API counts it: code points after trimming. */
export function jobNameLength(name: string): number {
  return codePointLength(trimJobName(name));
}

/** Why the API would refuse this name, or null when it would accept it. */
export function validateJobName(name: string): string | null {
  const length = jobNameLength(name);
  if (length === 0) return "Enter a job name.";
  if (length > JOB_NAME_MAX_LENGTH) {
    return `The name is too long: at most ${JOB_NAME_MAX_LENGTH} characters.`;
  }
  return null;
}
