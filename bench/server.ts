// The production server as `npm start` runs it (scripts/serve.ts), for the benchmarks and the
// reliability tests (e2e/05-stays-up.spec.ts): started on a port with a known webhook secret and
// administrator, and stopped afterwards.
import { spawn, type ChildProcess } from "node:child_process";

export const BENCH_SECRET = "bench-webhook-secret-0123456789";
export const BENCH_ADMIN = { email: "bench@payments-desk.test", password: "bench administrator password" };

export interface RunningServer {
  base: string;
  stop: () => void;
  process: ChildProcess;
  /** Resolves with the exit code when the server process ends. */
  exited: Promise<number | null>;
  /** What the server printed (when started with `output: true`). */
  output: () => string;
}

export async function startServer(port: number, options: { env?: Record<string, string>; output?: boolean } = {}): Promise<RunningServer> {
  // The process as `npm start` runs it (scripts/start-server.sh: its memory settings, tsx as a
  // loader inside one node process). The script execs node, so a signal reaches the server itself:
  // tsx's own CLI would stand between them and kill a busy server 30 ms after SIGTERM.
  // BENCH_NODE_ARGS: more node options for the server, which NODE_OPTIONS refuses (e.g. "--cpu-prof").
  const server = spawn("bash", ["scripts/start-server.sh"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: `http://127.0.0.1:${port}`,
      WEBHOOK_SECRET: BENCH_SECRET,
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      SERVER_NODE_ARGS: process.env.BENCH_NODE_ARGS ?? "",
      ...options.env,
    },
    stdio: options.output ? ["ignore", "pipe", "pipe"] : "ignore",
  });
  let printed = "";
  server.stdout?.on("data", (d: Buffer) => (printed += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (printed += d.toString()));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) {
    if (i > 150) {
      server.kill();
      throw new Error(`the server did not start: run \`npm run build\` and \`npm run migrate\` first\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop: () => server.kill(), process: server, exited, output: () => printed };
}

/** The session cookie of the bench administrator (created from ADMIN_EMAIL on start). */
export async function signInCookie(base: string): Promise<string> {
  // The administrator is created when the server handles its first request: wait for it.
  for (let i = 0; i < 50; i++) {
    const response = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify(BENCH_ADMIN),
    });
    const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session_token"));
    if (cookie) return cookie;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("could not sign in the bench administrator");
}
