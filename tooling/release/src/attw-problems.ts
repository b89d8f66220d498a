import { resolveBin } from './resolve-bin.js';
import { runCommand } from './run-command.js';

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

interface AttwReport {
  analysis: { types: false | object; problems?: AttwProblem[] };
}

/**
 * Are the Types Wrong? on a packed tarball, with its strictest profile (node10, node16 CommonJS and ESM, bundler),
 * one line per problem. A package without types is a problem too: every package here ships declarations.
 *
 * The CLI's JSON output is used because @arethetypeswrong/core is not a direct dependency of this package.
 */
export async function attwProblems(tarballPath: string, cwd: string): Promise<string[]> {
  const cli = resolveBin('@arethetypeswrong/cli', 'attw');
  const { stdout, stderr, exitCode } = await runCommand(
    process.execPath,
    [cli, tarballPath, '--format', 'json', '--profile', 'strict', '--no-color'],
    { cwd, allowFailure: true, env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let report: AttwReport;
  try {
    report = JSON.parse(stdout) as AttwReport;
  } catch {
    return [`attw did not produce a JSON report (exit code ${exitCode}): ${stderr.trim() || stdout.trim()}`];
  }
  if (report.analysis.types === false) return ['attw: the package ships no type declarations'];
  const problems = (report.analysis.problems ?? []).map(
    (problem) =>
      `attw ${problem.kind}` +
      (problem.entrypoint === undefined ? '' : ` at entrypoint "${problem.entrypoint}"`) +
      (problem.resolutionKind === undefined ? '' : ` under ${problem.resolutionKind} resolution`),
  );
  if (problems.length === 0 && exitCode !== 0) problems.push(`attw exited with ${exitCode}: ${stderr.trim()}`);
  return problems;
}
