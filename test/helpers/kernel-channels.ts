import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Dealer, Subscriber } from "zeromq";
import type { KernelProcess } from "./kernel-process.js";
import { decodeMessage, encodeMessage, newMessage, type JupyterMessage } from "./kernel-wire.js";

/** The kernel sockets a client talks to (stdin and heartbeat are not needed without a human). */
export type Channel = "shell" | "iopub" | "control";

/** Receives each message caused by one request; returns true once it has seen everything it waits for. */
export type Handler = (message: JupyterMessage, channel: Channel) => boolean;

/**
 * The client ends of a kernel's shell, control and iopub sockets, routing replies to requests by parent id.
 * @example const finished = await channels.request("shell", "kernel_info_request", {}, 5_000, handler)
 */
export class KernelChannels {
  readonly #session = randomUUID();
  readonly #handlers = new Map<string, Handler>();
  readonly #sockets = {
    shell: new Dealer({ linger: 0 }),
    control: new Dealer({ linger: 0 }),
    iopub: new Subscriber({ linger: 0 }),
  };
  readonly #kernel: KernelProcess;
  /** True once any iopub message arrived, which proves the subscription reached the kernel. */
  iopubSeen = false;

  constructor(kernel: KernelProcess) {
    this.#kernel = kernel;
    const { ip } = kernel.connection;
    this.#sockets.shell.connect(`tcp://${ip}:${kernel.connection.shell_port}`);
    this.#sockets.control.connect(`tcp://${ip}:${kernel.connection.control_port}`);
    this.#sockets.iopub.connect(`tcp://${ip}:${kernel.connection.iopub_port}`);
    this.#sockets.iopub.subscribe();
    for (const channel of ["shell", "control", "iopub"] as const) void this.#listen(channel);
  }

  /** Sends a request without waiting for anything back. */
  async send(channel: "shell" | "control", msgType: string, content: Record<string, unknown>): Promise<void> {
    await this.#sockets[channel].send(
      encodeMessage(newMessage(msgType, content, this.#session), this.#key()),
    );
  }

  /**
   * Sends a request and feeds every reply and iopub message caused by it to `handle` until it returns true;
   * resolves false on timeout and rejects if the kernel exits first.
   */
  async request(
    channel: "shell" | "control",
    msgType: string,
    content: Record<string, unknown>,
    timeoutMs: number,
    handle: Handler,
  ): Promise<boolean> {
    const message = newMessage(msgType, content, this.#session);
    const done = new Promise<true>((resolve) => {
      this.#handlers.set(message.header.msg_id, (received, from) => {
        const finished = handle(received, from);
        if (finished) resolve(true);
        return finished;
      });
    });
    const exited = this.#kernel.exited.then(() => "exited" as const);
    try {
      await this.#sockets[channel].send(encodeMessage(message, this.#key()));
      const result = await Promise.race([done, exited, sleep(timeoutMs, false, { ref: false })]);
      if (result === "exited") throw new Error(`tslab kernel exited\n${this.#kernel.output()}`);
      return result;
    } finally {
      this.#handlers.delete(message.header.msg_id);
    }
  }

  /** Closes the sockets, which ends the listening loops. */
  close(): void {
    for (const socket of Object.values(this.#sockets)) socket.close();
  }

  async #listen(channel: Channel): Promise<void> {
    const socket = this.#sockets[channel];
    try {
      for await (const frames of socket) {
        const message = decodeMessage(frames, this.#key());
        if (channel === "iopub") this.iopubSeen = true;
        const parent = message.parent_header.msg_id;
        if (parent !== undefined) this.#handlers.get(parent)?.(message, channel);
      }
    } catch (error) {
      // Closing the socket ends the loop with an error; anything else is a protocol bug worth seeing.
      if (!socket.closed) throw error;
    }
  }

  #key(): string {
    return this.#kernel.connection.key;
  }
}
