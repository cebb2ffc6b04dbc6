// The dashboard API, authenticated by the API key this tab signed in with. The key lives in
// sessionStorage: it survives a reload of the tab, never another tab or a closed one, and is sent
// only in the X-API-Key header (and, for calls, in the WebSocket subprotocol), never in a URL.
const storageKey = "parley.apiKey";

export const session = {
  get key() { return sessionStorage.getItem(storageKey); },
  signIn(key) { sessionStorage.setItem(storageKey, key); },
  signOut() { sessionStorage.removeItem(storageKey); },
};

/** An error answered by Parley: its HTTP status and the `code` and `detail` of its body. */
export class APIError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

/** Calls `/api/dashboard` + `path`; answers the decoded JSON (null for 204), throws APIError. */
export async function api(path, { method = "GET", body } = {}) {
  const headers = { "X-API-Key": session.key ?? "" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch("/api/dashboard" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new APIError(0, "network", "Parley could not be reached. Check the connection and try again.");
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new APIError(response.status, data?.code ?? `http_${response.status}`, data?.detail ?? response.statusText);
  }
  return data;
}

/** The engines the server has (`GET /health`), for the agent form's suggestions. */
export async function engines() {
  try {
    const response = await fetch("/health");
    return (await response.json()).engines ?? {};
  } catch {
    return {};
  }
}
