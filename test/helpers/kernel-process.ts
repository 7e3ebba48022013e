import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The ports and key of a Jupyter connection file, as a kernel reads it. */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  key: string;
  signature_scheme: "hmac-sha256";
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

/** A spawned kernel process with its connection details; `output()` is what it wrote outside cells. */
export interface KernelProcess {
  child: ChildProcess;
  connection: ConnectionInfo;
  output(): string;
  exited: Promise<number | null>;
  kill(): Promise<void>;
}

/** Where the project's tslab launcher lives (the kernel the README registers with Jupyter). */
export const TSLAB_BINARY = fileURLToPath(new URL("../../node_modules/.bin/tslab", import.meta.url));

/**
 * Writes a connection file with fresh loopback ports (or the `ports` given) and a random key, then spawns `tslab kernel` on it.
 * @example const kernel = await spawnKernel({ cwd: "notebooks", env: process.env })
 */
export async function spawnKernel(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  ports?: readonly number[];
}): Promise<KernelProcess> {
  const connection = newConnection(options.ports ?? (await freePorts(5)));
  const dir = await mkdtemp(join(tmpdir(), "ti-kernel-"));
  const configPath = join(dir, "connection.json");
  await writeFile(configPath, JSON.stringify(connection), { mode: 0o600 });
  const child = spawn(TSLAB_BINARY, ["kernel", "--config-path", configPath], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => {
    child.once("error", (error) => {
      output += String(error);
      done(null);
    });
    child.once("exit", (code) => done(code));
  });
  // A test runner that dies must not leave a kernel behind.
  const onExit = (): void => void child.kill("SIGKILL");
  process.once("exit", onExit);
  const kill = async (): Promise<void> => {
    process.off("exit", onExit);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  return { child, connection, output: () => output, exited, kill };
}

function newConnection(ports: readonly number[]): ConnectionInfo {
  const [shell, iopub, stdin, control, hb] = ports;
  return {
    transport: "tcp",
    ip: "127.0.0.1",
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    shell_port: shell ?? 0,
    iopub_port: iopub ?? 0,
    stdin_port: stdin ?? 0,
    control_port: control ?? 0,
    hb_port: hb ?? 0,
  };
}

/**
 * Loopback ports free at the time of asking, all different: every listener is held open until all are known.
 * @example const [shell, iopub] = await freePorts(2)
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((done, fail) => {
          server.once("error", fail);
          server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            done(typeof address === "object" && address ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}
