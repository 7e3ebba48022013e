import { createHmac, randomUUID } from "node:crypto";

/** The header of a Jupyter message (messaging protocol 5.3). */
export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** One decoded Jupyter message; `parent_header` is `{}` when the message has no parent. */
export interface JupyterMessage {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

// The wire format puts this frame between the ZeroMQ routing identities and the signature.
const DELIMITER = "<IDS|MSG>";

/**
 * Builds a new request message for a session.
 * @example newMessage("kernel_info_request", {}, sessionId)
 */
export function newMessage(
  msgType: string,
  content: Record<string, unknown>,
  session: string,
): JupyterMessage {
  const header: MessageHeader = {
    msg_id: randomUUID(),
    msg_type: msgType,
    session,
    username: "ti-console-test",
    date: new Date().toISOString(),
    version: "5.3",
  };
  return { header, parent_header: {}, metadata: {}, content };
}

/**
 * Encodes a message into signed frames (HMAC-SHA256 over header, parent, metadata and content).
 * @example await dealer.send(encodeMessage(message, key))
 */
export function encodeMessage(message: JupyterMessage, key: string): string[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    JSON.stringify(part),
  );
  return [DELIMITER, sign(parts, key), ...parts];
}

/**
 * Decodes frames received from a kernel socket, checking the signature; throws on a bad or unsigned message.
 * @example const message = decodeMessage(await dealer.receive(), key)
 */
export function decodeMessage(frames: Buffer[], key: string): JupyterMessage {
  const at = frames.findIndex((frame) => frame.toString() === DELIMITER);
  if (at < 0) throw new Error("Jupyter message without the <IDS|MSG> delimiter");
  const signature = frames[at + 1]?.toString() ?? "";
  const parts = frames.slice(at + 2, at + 6).map((frame) => frame.toString());
  if (parts.length !== 4) throw new Error("Jupyter message with fewer than four parts");
  if (signature !== sign(parts, key)) throw new Error("Jupyter message with a bad signature");
  const [header, parent, metadata, content] = parts.map((part) => JSON.parse(part) as unknown);
  return {
    header: header as MessageHeader,
    parent_header: parent as Partial<MessageHeader>,
    metadata: metadata as Record<string, unknown>,
    content: content as Record<string, unknown>,
  };
}

function sign(parts: string[], key: string): string {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}
