/**
 * Reads docs/writing-extensions.md the way a reader follows it: the commands after `$ `, the diffs to apply, and the
 * answers shown for `curl`. The end-to-end tests run what the guide says rather than a copy of it, so the guide and
 * the tests cannot drift apart.
 */

/** Every line of a console block that starts with `$ `, without the prompt. */
export function guideCommands(guide: string): string[] {
  return [...guide.matchAll(/^\$ (.+)$/gm)].map(([, command = '']) => command);
}

/** The one command that matches, split into words as a shell would (double quotes only). */
export function guideCommand(guide: string, pattern: RegExp): string[] {
  const matches = guideCommands(guide).filter((command) => pattern.test(command));
  if (matches.length !== 1) throw new Error(`The guide has ${String(matches.length)} commands matching ${String(pattern)}, not one.`);
  return [...(matches[0] ?? '').matchAll(/"([^"]*)"|(\S+)/g)].map(([, quoted, bare]) => quoted ?? bare ?? '');
}

/**
 * Applies the guide's ```diff block that contains `marker` to `text`. A ` ...` line separates hunks that apply one
 * after the other; each hunk's context and `-` lines must be in the text.
 */
export function applyGuideDiff(guide: string, marker: string, text: string): string {
  const block = [...guide.matchAll(/^```diff\n([\s\S]*?)^```$/gm)].map(([, body = '']) => body).find((body) => body.includes(marker));
  if (block === undefined) throw new Error(`The guide has no diff block with ${JSON.stringify(marker)}.`);
  let result = text;
  for (const hunk of block.replace(/\n$/, '').split(/^ ?\.\.\.\n/m)) {
    const lines = hunk.replace(/\n$/, '').split('\n');
    const side = (keep: string) =>
      lines.filter((line) => line === '' || keep.includes(line[0] ?? '')).map((line) => line.slice(1)).join('\n');
    const before = side(' -');
    if (!result.includes(before)) throw new Error(`The diff with ${JSON.stringify(marker)} does not apply: no\n${before}\nin\n${result}`);
    result = result.replace(before, side(' +'));
  }
  return result;
}

/** The first ```json block after `heading` (a line of prose), parsed. */
export function guideJsonAfter(guide: string, heading: string): unknown {
  const start = guide.indexOf(heading);
  const block = /^```json\n([\s\S]*?)^```$/m.exec(guide.slice(start));
  if (start < 0 || block === null) throw new Error(`The guide has no JSON block after ${JSON.stringify(heading)}.`);
  return JSON.parse(block[1] ?? '');
}

export interface CurlExample {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly status: number;
  /** The response headers the guide shows, lower-cased, without the ones every response has. */
  readonly headerNames: string[];
  readonly body: string;
}

/** Each `curl -i` of the guide with the answer printed under it. */
export function guideCurls(guide: string): CurlExample[] {
  const examples: CurlExample[] = [];
  for (const [, command = '', answer = ''] of guide.matchAll(/^\$ (curl -i [^\n]+)\n([\s\S]*?)(?=^\$ |^```$)/gm)) {
    const words = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map(([, quoted, bare]) => quoted ?? bare ?? '');
    const url = words.find((word) => word.startsWith('http://'));
    const headers: Record<string, string> = {};
    words.forEach((word, index) => {
      if (word !== '-H') return;
      const [name = '', ...value] = (words[index + 1] ?? '').split(':');
      headers[name.trim()] = value.join(':').trim();
    });
    const [head = '', ...rest] = answer.trimEnd().split(/\n\n/);
    const [statusLine = '', ...headerLines] = head.split('\n');
    examples.push({
      path: new URL(url ?? '').pathname + new URL(url ?? '').search,
      headers,
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]),
      headerNames: headerLines
        .map((line) => (line.split(':')[0] ?? '').toLowerCase())
        .filter((name) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)),
      body: rest.join('\n\n'),
    });
  }
  return examples;
}

/** A pattern for a body the guide shows: its numbers vary from run to run (elapsed times, ids). */
export function bodyPattern(body: string): RegExp {
  return new RegExp(`^${body.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+')}$`);
}
