import { request } from "node:http";

/** A reply read off the socket, headers lower-cased. */
export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** One request with full control of the request line and headers (fetch would set Host and Origin itself). */
export interface RawRequest {
  readonly method?: string;
  /** The request target exactly as it goes on the request line. */
  readonly path: string;
  /** Sent verbatim; `host` too (no Host is added when it is missing). */
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/**
 * Sends one HTTP/1.1 request to `url`'s host and port with exactly the given request line and headers.
 * @example await rawRequest(emu.url, { path: "/_emulator/state", headers: { host: "evil.example" } })
 */
export function rawRequest(url: string, options: RawRequest): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  const headers = { host: `${hostname}:${port}`, ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, method: options.method ?? "GET", path: options.path, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
