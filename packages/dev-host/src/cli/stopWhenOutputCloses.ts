/**
 * Stops the process gracefully, as SIGTERM does, once its output has nowhere to go: the terminal closed, a pipe's
 * reader (`azfx start | head`, a test runner, the watch parent) went away. Every later write would fail with EPIPE,
 * and an unhandled stream error reported on stderr fails again, so without this the host spins forever on its own
 * error reports. Output errors are not actionable: they are swallowed once handled here.
 */
export function stopWhenOutputCloses(): void {
  let stopping = false;
  const outputGone = (): void => {
    if (!stopping) {
      stopping = true;
      process.kill(process.pid, 'SIGTERM');
    }
  };
  process.stdout.on('error', outputGone);
  process.stderr.on('error', outputGone);
}
