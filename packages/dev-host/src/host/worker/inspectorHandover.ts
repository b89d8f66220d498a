import inspector from 'node:inspector';

const inspectFlag = /^--inspect(-brk|-wait)?(=.*)?$/;

export interface WorkerDebugging {
  /** Node options for the worker process: the host's own, with the debugger flag moved to where it belongs. */
  readonly execArgv: readonly string[];
  /** NODE_OPTIONS for the worker, without a debugger flag (the worker gets it in execArgv). */
  readonly nodeOptions: string | undefined;
  /** Where the worker's debugger listens, when there is one. */
  readonly address: string | undefined;
}

/**
 * `node --inspect azfx start` or `NODE_OPTIONS=--inspect azfx start` is a request to debug the app, whose code runs
 * in the worker process. The host and the worker cannot both listen on the debugger port, so the host gives its
 * port up (`inspector.close()`) and the worker takes it (with `--inspect-brk` when the host had it). A reload hands
 * the port from the old worker to the new one (the WorkerSupervisor asks the old one to release it first), so a
 * debugger reattaches at the same address, and breakpoints hit the code that now serves.
 */
export function takeOverDebugging(hostExecArgv: readonly string[], nodeOptions: string | undefined): WorkerDebugging {
  const url = inspector.url();
  const optionTokens = (nodeOptions ?? '').split(/\s+/).filter((token) => token !== '');
  const execArgv = hostExecArgv.filter((arg) => !inspectFlag.test(arg));
  const keptOptions = optionTokens.filter((token) => !inspectFlag.test(token));
  const strippedOptions = keptOptions.length === 0 ? undefined : keptOptions.join(' ');
  if (url === undefined) {
    return { execArgv: [...hostExecArgv], nodeOptions, address: undefined };
  }
  const address = new URL(url).host;
  const breaks = [...hostExecArgv, ...optionTokens].some((arg) => arg.startsWith('--inspect-brk'));
  inspector.close();
  return { execArgv: [...execArgv, `${breaks ? '--inspect-brk' : '--inspect'}=${address}`], nodeOptions: strippedOptions, address };
}
