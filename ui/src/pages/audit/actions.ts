/**
 * The catalogue key of an action's label: `approval.approved` → `actions.approval.approved` (the catalogue nests by
 * the dot, as the action names do). Pass it to `t` with the action as `defaultValue`, so an action the catalogue
 * does not know yet shows as it is recorded.
 */
export function actionKey(action: string): string {
  return `actions.${action}`;
}

/** The details JSON pretty-printed; text that is not JSON as it is. */
export function prettyDetails(details: string | null | undefined): string {
  if (!details) {
    return '';
  }
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}

/** A hash shortened for a table cell (the full one in its title and in the expanded row). */
export function shortHash(hash: string | null | undefined, length = 12): string {
  return hash ? hash.slice(0, length) : '';
}

/** The commands that check a checkpoint's signature offline with OpenSSL (1.1.1+: Ed25519 with -rawin). */
export function offlineCommands(payload: string, signature: string): string {
  return [
    `printf '%s' '${payload}' > payload.txt`,
    `echo '${signature}' | base64 -d > signature.bin`,
    'openssl pkeyutl -verify -pubin -inkey stackgate-audit.pem -rawin -in payload.txt -sigfile signature.bin',
  ].join('\n');
}
