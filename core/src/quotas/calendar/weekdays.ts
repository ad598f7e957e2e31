import { parsedBad, parsedOk, type Parsed } from './invalid.js';
import { WEEKDAY_NAMES } from './week-time.js';

const EXPECTED_DAY = 'expected mon..sun';

function dayIndex(name: string): number {
  return (WEEKDAY_NAMES as readonly string[]).indexOf(name.toLowerCase());
}

/**
 * Parses the `<weekdays>` field of a periodical entry into day offsets (Monday = 0), ascending.
 *
 * Accepted forms (spec §16.2): `*` (every day), a range `mon-fri` (inclusive; a range whose end
 * comes before its start wraps over the week end, `sun-mon` = Sunday and Monday), a list
 * `mon,wed,fri`. Items of a list may themselves be ranges (`mon-wed,fri`), a harmless superset
 * of the spec. Names are case-insensitive. A day named twice is refused: it would make the entry
 * overlap itself.
 */
export function parseWeekdays(spec: string): Parsed<readonly number[]> {
  if (spec === '*') return parsedOk([0, 1, 2, 3, 4, 5, 6]);
  const seen = new Set<number>();
  for (const item of spec.split(',')) {
    if (item === '') return parsedBad('empty item in weekday list', 'expected e.g. mon,wed,fri');
    const bounds = item.split('-');
    if (bounds.length > 2) return parsedBad(`bad weekday range "${item}"`, 'expected e.g. mon-fri');
    const indexes: number[] = [];
    for (const name of bounds) {
      const i = dayIndex(name);
      if (i < 0) return parsedBad(`unknown weekday "${name}"`, EXPECTED_DAY);
      indexes.push(i);
    }
    const first = indexes[0]!;
    const last = indexes[indexes.length - 1]!;
    const count = ((last - first + 7) % 7) + 1; // wraps past Sunday when last < first
    for (let k = 0; k < count; k++) {
      const day = (first + k) % 7;
      if (seen.has(day)) return parsedBad(`weekday "${WEEKDAY_NAMES[day]}" given twice`);
      seen.add(day);
    }
  }
  return parsedOk([...seen].sort((a, b) => a - b));
}
