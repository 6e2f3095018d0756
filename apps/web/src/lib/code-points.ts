/**
 * Length of `text` in Unicode code points: what the API, Python's `len()` and JSON Schema's
 * `maxLength` count ("😀" is 1, "🇫🇷" is 2, "e" + U+0301 is 2).
 * ⚠️ `text.length` counts UTF-16 code units ("😀" is 2) and `Intl.Segmenter` graphemes ("🇫🇷" is
 * 1): neither agrees with the server. A string's iterator yields code points.
 */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}
