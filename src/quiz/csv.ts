/**
 * CSV as spreadsheets read and write it (RFC 4180): commas between cells, quotes around a cell
 * that holds a comma, a quote or a line break, quotes inside doubled. Results files and the class
 * table are written and read with these, so the rule lives in one place.
 */

/** A cell's value as written: text, a number, a yes/no, or nothing. */
export type CsvValue = string | number | boolean | undefined;

const RE_NEEDS_QUOTES = /[",\n\r]/;
/**
 * What a spreadsheet would run as a formula when a cell starts with it (`=`, `+`, `-`, `@`, a tab
 * or a carriage return). Free text typed by someone else (a learner's name, a file name) is
 * written with a `'` in front, which spreadsheets show as text; `readCsvText` takes it off.
 */
const RE_FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted when it must be. */
export function csvCell(value: CsvValue): string {
  const text = value === undefined ? '' : String(value);
  return RE_NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Free text (not a number) for a cell, kept from being run as a spreadsheet formula. */
export function csvText(text: string): string {
  return RE_FORMULA_START.test(text) ? `'${text}` : text;
}

/** Free text as `csvText` wrote it. */
export function readCsvText(cell: string): string {
  return cell.startsWith("'") && RE_FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Rows of cells as CSV text, one line per row, ending with a line break. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** A row of a CSV text and the line it starts on (from 1), for messages. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Splits CSV text into rows with their line numbers (quoted cells may hold line breaks, so a
 * row's line is counted, not derived from its index). A byte-order mark is ignored.
 */
export function readCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      cells.push(field);
      rows.push({ line: start, cells });
      cells = [];
      field = '';
      start = ++line;
    } else field += c;
  }
  if (field !== '' || cells.length) { cells.push(field); rows.push({ line: start, cells }); }
  return rows;
}

/** Splits CSV text into rows of cells (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  return readCsv(text).map((row) => row.cells);
}
