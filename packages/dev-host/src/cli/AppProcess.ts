import { fork, type ChildProcess } from 'node:child_process';

export type AppProcessMessage = { type: 'ready'; port: number } | { type: 'failed' };

const stopTimeoutMs = 15_000;

function isAppProcessMessage(message: unknown): message is AppProcessMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'failed';
}

/**
 * The child process `azfx start --watch` runs the app in. ES modules cannot be unloaded, so a reload is a new
 * process; the parent keeps the port and forwards to whichever child is current. Restarts are serialized and
 * coalesced: changes that arrive during a restart cause one more restart, not one each.
 */
export class AppProcess {
  readonly #entry: string;
  readonly #args: readonly string[];
  readonly #env: NodeJS.ProcessEnv;
  #child: ChildProcess | undefined;
  #ready: Promise<number | undefined> = Promise.resolve(undefined);
  #restarting: Promise<void> | undefined;
  #restartAgain = false;
  #stopped = false;

  constructor(entry: string, args: readonly string[], env: NodeJS.ProcessEnv) {
    this.#entry = entry;
    this.#args = args;
    this.#env = env;
  }

  /** The port of the running app, once it is ready; undefined while it cannot start. */
  port(): Promise<number | undefined> {
    return this.#ready;
  }

  start(): void {
    if (this.#stopped) {
      return;
    }
    const child = fork(this.#entry, [...this.#args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: this.#env });
    this.#child = child;
    this.#ready = new Promise((resolve) => {
      child.on('message', (message: unknown) => {
        if (isAppProcessMessage(message)) {
          resolve(message.type === 'ready' ? message.port : undefined);
        }
      });
      child.once('exit', () => {
        resolve(undefined);
      });
      child.once('error', () => {
        resolve(undefined);
      });
    });
  }

  restart(): Promise<void> {
    if (this.#restarting) {
      this.#restartAgain = true;
      return this.#restarting;
    }
    this.#restarting = (async () => {
      let again = true;
      while (again) {
        this.#restartAgain = false;
        await this.#stopChild();
        this.start();
        await this.#ready;
        again = this.#shouldRestartAgain();
      }
    })().finally(() => {
      this.#restarting = undefined;
    });
    return this.#restarting;
  }

  #shouldRestartAgain(): boolean {
    return this.#restartAgain && !this.#stopped;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#stopChild();
  }

  /** SIGTERM lets the app finish running invocations and run its appTerminate hooks; SIGKILL if it hangs. */
  async #stopChild(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child?.exitCode !== null || child.signalCode !== null) {
      return; // none, or already gone
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
