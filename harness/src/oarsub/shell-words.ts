/**
 * Splits a command line into words as a POSIX shell does for the quoting a test writes: blanks
 * separate words; `'…'` keeps everything literally; `"…"` keeps everything but `\"`, `\\`, `\$`
 * and `` \` ``, which lose their backslash; a backslash outside quotes escapes the next character.
 * No expansion of any kind. Throws a `SubmitError` for an unterminated quote or a trailing backslash.
 */
import { SubmitError } from './submit-error.js';

export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const append = (s: string) => {
    word = (word ?? '') + s;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new SubmitError(`unterminated ' quote at column ${i + 1} of: ${line}`);
      append(line.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= line.length) throw new SubmitError(`unterminated " quote at column ${i + 1} of: ${line}`);
        const d = line[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) {
          text += line[j + 1];
          j += 2;
        } else {
          text += d;
          j++;
        }
      }
      append(text);
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new SubmitError(`trailing backslash in: ${line}`);
      append(line[i + 1]!);
      i += 2;
    } else {
      append(c);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
