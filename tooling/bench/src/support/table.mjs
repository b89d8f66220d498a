/**
 * A plain-text table: the first column left-aligned, the others right-aligned (they hold numbers).
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 * @returns {string[]}
 */
export function formatTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  /** @param {readonly string[]} cells */
  const line = (cells) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map((row) => line(row))];
}

/**
 * @param {number} value
 * @param {number} [digits]
 * @returns {string}
 */
export function fixed(value, digits = 0) {
  return Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
}

/**
 * A relative spread as `±3%`.
 * @param {number} spread
 * @returns {string}
 */
export function plusMinus(spread) {
  return Number.isFinite(spread) ? `±${(spread * 100).toFixed(spread < 0.1 ? 1 : 0)}%` : '';
}

/**
 * @param {number} ratio
 * @returns {string}
 */
export function ratio(ratio) {
  return Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a';
}

/**
 * Bytes in kB (1000 bytes, as npm prints sizes).
 * @param {number} bytes
 * @returns {string}
 */
export function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
