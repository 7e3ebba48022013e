import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { ODataFailure } from "./errors.js";

// host[:port], the host a name or a bracketed IPv6 literal; anything else (a path, userinfo) is malformed.
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._~-]+)(?::(\d{1,5}))?$/i;

/**
 * The `http://host[:port]` the client addressed, from a Host header that names this emulator: an IP address (no
 * page can rebind a name onto a literal), `localhost`, or the name it was bound to. Any other name is a DNS
 * rebinding attempt or a misdirected request: 421. Without a Host header (HTTP/1.0) the socket's own address.
 * @example ownOrigin(req, "127.0.0.1") // "http://127.0.0.1:4000"
 */
export function ownOrigin(req: IncomingMessage, boundHost: string): string {
  const header = req.headers.host;
  if (header === undefined) {
    const address = req.socket.localAddress ?? "127.0.0.1";
    return `http://${address.includes(":") ? `[${address}]` : address}:${req.socket.localPort ?? 80}`;
  }
  const match = HOST_HEADER.exec(header);
  if (!match?.[1]) throw new ODataFailure(400, "BadRequest", `The Host header is malformed: ${header}`);
  const name = match[1].replace(/^\[|\]$/g, "").toLowerCase();
  const own =
    isIP(name) !== 0 ||
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === boundHost.toLowerCase();
  if (!own) {
    throw new ODataFailure(
      421,
      "MisdirectedRequest",
      `This emulator answers only to its own address (an IP address or localhost), not to Host ${header}`,
    );
  }
  return `http://${match[0].toLowerCase()}`;
}

/**
 * Throws 403 when the browser says the request comes from another site: `Sec-Fetch-Site` other than
 * same-origin or none (a typed URL), or an `Origin` other than the emulator's own (`null` included).
 * @example refuseCrossSite(req, "http://127.0.0.1:4000")
 */
export function refuseCrossSite(req: IncomingMessage, origin: string): void {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw forbidden(`Sec-Fetch-Site: ${site}`);
  }
  const from = req.headers.origin;
  if (from !== undefined && from.toLowerCase() !== origin) throw forbidden(`Origin: ${from}`);
}

function forbidden(why: string): ODataFailure {
  return new ODataFailure(
    403,
    "Forbidden",
    `The /_emulator endpoints refuse requests from web pages (${why})`,
  );
}
