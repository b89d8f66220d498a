/** Removes `//` and `/* *\/` comments outside strings, keeping line breaks so parse errors point at the right line. */
export function stripJsonComments(text: string): string {
  let output = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const next = text[index + 1];
    if (char === '"') {
      const end = endOfString(text, index);
      output += text.slice(index, end);
      index = end;
    } else if (char === '/' && next === '/') {
      while (index < text.length && text[index] !== '\n') {
        index++;
      }
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      const comment = text.slice(index, end === -1 ? text.length : end + 2);
      output += comment.replace(/[^\n]/g, ' ');
      index += comment.length;
    } else {
      output += text.charAt(index);
      index++;
    }
  }
  return output;
}

function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === '\\') {
      index += 2;
    } else if (text[index] === '"') {
      return index + 1;
    } else {
      index++;
    }
  }
  return text.length;
}
