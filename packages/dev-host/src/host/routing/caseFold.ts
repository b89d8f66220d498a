// ASP.NET Core compares route literals with StringComparison.OrdinalIgnoreCase: each UTF-16 unit is upper-cased on
// its own (simple case mapping). JavaScript's toUpperCase may change a string's length ('ß' → 'SS'), which would
// both mis-compare and break index arithmetic, so characters whose mapping is not one unit are left as they are.

// eslint-disable-next-line no-control-regex -- the ASCII range is exactly what the fast path is for
const ASCII = /^[\u0000-\u007f]*$/;

export function foldCase(text: string): string {
  if (ASCII.test(text)) return text.toUpperCase();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charAt(i);
    const upper = unit.toUpperCase();
    out += upper.length === 1 ? upper : unit;
  }
  return out;
}

/** Orders like `string.Compare(a, b, StringComparison.OrdinalIgnoreCase)`: by folded UTF-16 units. */
export function compareIgnoreCase(a: string, b: string): number {
  const x = foldCase(a);
  const y = foldCase(b);
  if (x === y) return 0;
  return x < y ? -1 : 1;
}
