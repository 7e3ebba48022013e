import { setTimeout as sleep } from "node:timers/promises";
import { KernelChannels } from "./kernel-channels.js";
import { collectOutput, describeFailure, type NotebookOutput } from "./kernel-output.js";
import { spawnKernel, type KernelProcess } from "./kernel-process.js";
import type { JupyterMessage } from "./kernel-wire.js";

/** Where and how to start the kernel; defaults: the current directory, this process's environment, 60 s. */
export interface KernelOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
  /** The first attempt's five ports (shell, iopub, stdin, control, hb), for tests of the port retry. */
  ports?: readonly number[];
}

/** Kernels started before one binds its ports: see {@link startKernel}. */
const START_ATTEMPTS = 3;

/** The result of one cell: `failure` (with the kernel's own text) is set when the cell did not pass. */
export interface CellRun {
  status: "ok" | "error" | "abort" | "timeout";
  executionCount: number | null;
  outputs: NotebookOutput[];
  failure?: string;
  durationMs: number;
}

/** A running tslab kernel spoken to over the Jupyter messaging protocol; always `shutdown()` it. */
export interface Kernel {
  readonly pid: number | undefined;
  execute(code: string, options?: { timeoutMs?: number }): Promise<CellRun>;
  shutdown(): Promise<void>;
}

/**
 * Spawns `tslab kernel` with a fresh connection file and waits until it answers on shell and iopub.
 * @example const kernel = await startKernel({ cwd: "notebooks" }); const run = await kernel.execute("1 + 1")
 */
export async function startKernel(options: KernelOptions = {}): Promise<Kernel> {
  // The ports are free when chosen but not held until the kernel binds them, so a test starting beside it can
  // take one first: the kernel then exits with EADDRINUSE and, as jupyter_client's restarter does, we start it
  // again on fresh ports.
  for (let attempt = 1; ; attempt++) {
    const ports = attempt === 1 ? options.ports : undefined;
    const kernel = await spawnKernel({
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? process.env,
      ...(ports ? { ports } : {}),
    });
    const client = new KernelClient(kernel, new KernelChannels(kernel));
    try {
      await client.waitUntilReady(options.startTimeoutMs ?? 60_000);
      return client;
    } catch (error) {
      await client.shutdown();
      if (attempt >= START_ATTEMPTS || !kernel.output().includes("EADDRINUSE")) throw error;
    }
  }
}

class KernelClient implements Kernel {
  readonly #kernel: KernelProcess;
  readonly #channels: KernelChannels;

  constructor(kernel: KernelProcess, channels: KernelChannels) {
    this.#kernel = kernel;
    this.#channels = channels;
  }

  get pid(): number | undefined {
    return this.#kernel.child.pid;
  }

  // ZeroMQ drops iopub messages until the subscription has reached the kernel, so ask until iopub speaks.
  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#channels.iopubSeen) {
      if (this.#kernel.child.exitCode !== null)
        throw new Error(`tslab kernel exited\n${this.#kernel.output()}`);
      // tslab reports a port it could not bind and stays up, deaf on that channel.
      if (this.#kernel.output().includes("EADDRINUSE"))
        throw new Error(`tslab kernel could not bind its ports\n${this.#kernel.output()}`);
      if (Date.now() > deadline)
        throw new Error(`tslab kernel not ready in ${timeoutMs} ms\n${this.#kernel.output()}`);
      await this.#channels.send("shell", "kernel_info_request", {});
      await sleep(250);
    }
  }

  async execute(code: string, options: { timeoutMs?: number } = {}): Promise<CellRun> {
    const started = Date.now();
    const outputs: NotebookOutput[] = [];
    let reply: JupyterMessage | undefined;
    let idle = false;
    // Like nbclient, the cell's number comes from iopub's execute_input (the reply's count is not saved).
    let count: unknown;
    const timeoutMs = options.timeoutMs ?? 60_000;
    const finished = await this.#channels.request(
      "shell",
      "execute_request",
      executeContent(code),
      timeoutMs,
      (message, channel) => {
        if (channel === "shell") reply = message;
        else if (message.header.msg_type === "status") idle ||= message.content["execution_state"] === "idle";
        else if (message.header.msg_type === "execute_input") count = message.content["execution_count"];
        else collectOutput(outputs, message);
        return reply !== undefined && idle;
      },
    );
    const status = finished ? replyStatus(reply) : "timeout";
    const run: CellRun = {
      status,
      executionCount: typeof count === "number" ? count : null,
      outputs,
      durationMs: Date.now() - started,
    };
    const failure = describeFailure(status, outputs);
    return failure === undefined ? run : { ...run, failure };
  }

  // Asks politely on the control channel, then makes sure: a kernel must never outlive its test.
  async shutdown(): Promise<void> {
    if (this.#kernel.child.exitCode === null) {
      const replied = (_: JupyterMessage, channel: string): boolean => channel === "control";
      await this.#channels
        .request("control", "shutdown_request", { restart: false }, 5_000, replied)
        .catch(() => false);
      await Promise.race([this.#kernel.exited, sleep(5_000)]);
    }
    await this.#kernel.kill();
    this.#channels.close();
  }
}

function executeContent(code: string): Record<string, unknown> {
  return {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
  };
}

function replyStatus(reply: JupyterMessage | undefined): CellRun["status"] {
  const status = reply?.content["status"];
  return status === "ok" || status === "abort" ? status : "error";
}
