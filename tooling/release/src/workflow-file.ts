import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface WorkflowFile {
  name: string;
  text: string;
}

export interface ActionReference {
  line: number;
  action: string;
  ref: string;
  comment: string | undefined;
}

export async function readWorkflowFiles(workflowsDir: string): Promise<WorkflowFile[]> {
  const names = (await readdir(workflowsDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, text: await readFile(path.join(workflowsDir, name), 'utf8') })),
  );
}

/** Every `uses:` of a step or a reusable workflow, with its ref and the comment after it. */
export function actionReferences(text: string): ActionReference[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*["']?([^@\s"']+)@([^\s"'#]+)["']?\s*(?:#\s*(.*))?$/.exec(line);
    if (!match?.[1] || !match[2]) return [];
    return [{ line: index + 1, action: match[1], ref: match[2], comment: match[3] }];
  });
}

/** The text of a top-level key (`permissions: {}` gives `{}`; a block gives its indented lines). */
export function topLevelValue(text: string, key: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${key}:`));
  if (start === -1) return undefined;
  const inline = lines[start]?.slice(key.length + 1).replace(/\s+#.*$/, '').trim() ?? '';
  if (inline !== '') return inline;
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !/^\s/.test(line)) break;
    block.push(line);
  }
  return block.join('\n').trim();
}

/** Each job's lines by job id: the keys indented once under `jobs:`. */
export function jobBlocks(text: string): Map<string, string> {
  const jobs = new Map<string, string>();
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^jobs:\s*$/.test(line));
  let current: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !/^\s/.test(line)) break;
    const id = /^ {2}([\w-]+):\s*$/.exec(line)?.[1];
    if (id !== undefined) {
      current = id;
      jobs.set(id, '');
    } else if (current !== undefined) {
      jobs.set(current, `${jobs.get(current) ?? ''}${line}\n`);
    }
  }
  return jobs;
}
