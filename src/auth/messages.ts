/** What went wrong at the token endpoint, as far as the reply tells. */
export interface TokenFailure {
  readonly authUrl: string;
  readonly clientId: string;
  /** HTTP status, undefined when no answer came. */
  readonly status?: number | undefined;
  /** Azure AD's `error` code, e.g. `invalid_client`. */
  readonly error?: string | undefined;
  /** Azure AD's `error_description` (already scrubbed of the secret by the caller). */
  readonly description?: string | undefined;
  /** Why no answer came (network error text). */
  readonly cause?: string | undefined;
}

const SECRET_HINT =
  "and that the client secret is right and not expired (a new one: Azure portal > App registrations > " +
  "WindowsDefenderATPThreatIntelAPI > Certificates & secrets; it is shown only once)";

/**
 * A message that says what to check, from the docs' troubleshooting cases: the authority URL, the client id, an
 * expired secret. Never contains the secret.
 * @example tokenFailureMessage({ authUrl, clientId, status: 401, error: "invalid_client" })
 */
export function tokenFailureMessage(failure: TokenFailure): string {
  const where = `Getting a token from ${failure.authUrl} failed`;
  // Azure AD's sentence ends in a full stop; the advice that follows adds its own.
  const said = failure.description ? `: ${firstLine(failure.description).replace(/\.+$/, "")}` : "";
  if (failure.status === undefined) {
    return `${where}: no answer (${failure.cause ?? "network error"}). Check the authority URL (TI_AUTH_URL), e.g. https://login.windows.net/<tenant id>/oauth2/token, and your network or proxy`;
  }
  if (
    failure.error === "invalid_client" ||
    failure.error === "unauthorized_client" ||
    failure.status === 401
  ) {
    return `${where} (${failure.status} ${failure.error ?? ""})${said}. Check the client id ${failure.clientId} (TI_CLIENT_ID) ${SECRET_HINT}`;
  }
  if (failure.status === 400 && failure.error) {
    return `${where} (400 ${failure.error})${said}. Check the tenant in the authority URL, the client id ${failure.clientId} and the resource (TI_RESOURCE)`;
  }
  if (failure.status === 429 || failure.status >= 500) {
    return `${where} (${failure.status}${failure.error ? ` ${failure.error}` : ""})${said}. The token endpoint kept failing after retries; try again later`;
  }
  if (failure.status === 404 || failure.status === 405 || failure.error === undefined) {
    return `${where} (${failure.status})${said}. Check the authority URL (TI_AUTH_URL): it should look like https://login.windows.net/<tenant id>/oauth2/token`;
  }
  return `${where} (${failure.status} ${failure.error})${said}. Check the authority URL, the client id ${failure.clientId} and the resource (TI_RESOURCE)`;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
