import { execFileSync } from 'node:child_process';

interface PsRow {
  readonly pid: number;
  readonly ppid: number;
  readonly args: string;
}

function ps(): PsRow[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? '' }));
}

/** The worker processes a host process started, as `ps` lists them. */
export function workerPidsOf(hostPid: number | undefined): number[] {
  return ps()
    .filter((row) => row.ppid === hostPid && row.args.includes('__azfx-worker'))
    .map((row) => row.pid);
}

/** Which of `pids` are still running, as `ps` sees them (zombies count as gone). */
export function stillRunning(pids: readonly number[]): number[] {
  const running = new Map(ps().map((row) => [row.pid, row.args]));
  return pids.filter((pid) => running.has(pid) && !(running.get(pid) ?? '').includes('<defunct>'));
}
