import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/**
 * publint's findings for a packed tarball, one line each. Strict mode turns warnings into errors, and every
 * message counts as a problem, suggestions included: a suggestion that does not fit a package is something to
 * fix in package.json, not to ignore here.
 */
export async function publintProblems(tarball: Uint8Array): Promise<string[]> {
  const copy = new Uint8Array(tarball); // publint wants an ArrayBuffer that holds this tarball alone
  const { messages, pkg } = await publint({ pack: { tarball: copy.buffer }, strict: true, level: 'suggestion' });
  return messages.map(
    (message) => `${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false }) ?? '(no text)'}`,
  );
}
