// A database outage the test controls, for either database.
// SQLite: another connection holds the write lock. PostgreSQL: the app talks to the server
// through a TCP proxy that the test cuts (connections reset, port closed) and restores.
import net from "node:net";
import Database from "better-sqlite3";

export interface Outage {
  /** DATABASE_URL for the app under test. */
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function controllableDatabase(migratedUrl: string): Promise<Outage> {
  if (migratedUrl.startsWith("file:")) {
    const locker = new Database(migratedUrl.slice("file:".length));
    return {
      url: migratedUrl,
      down: async () => void locker.exec("BEGIN EXCLUSIVE"),
      up: async () => void locker.exec("ROLLBACK"),
      close: async () => void locker.close(),
    };
  }
  const target = new URL(migratedUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (server) server.close(() => resolve());
      else resolve();
      server = null;
    });
  await listen();
  const proxied = new URL(migratedUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);
  return { url: proxied.toString(), down: cut, up: listen, close: cut };
}

/** A URL where no database answers. */
export function unreachableDatabaseUrl(migratedUrl: string, scratchDir: string): string {
  return migratedUrl.startsWith("file:") ? `file:${scratchDir}/missing-dir/nope.db` : "postgresql://postgres@127.0.0.1:9/payments_desk";
}

export type ProxyMode = "forward" | "refuse" | "blackhole";

/**
 * A TCP proxy in front of PostgreSQL that acts out a network partition:
 *   forward    connections pass through;
 *   refuse     the port is closed and open connections are reset (the server is unreachable);
 *   blackhole  connections are accepted and open ones stay open, but nothing is forwarded either
 *              way (a partition: the client learns nothing, the server hears nothing).
 * Connections black-holed once stay that way, as after a real partition the peer has forgotten them.
 */
export async function partitionProxy(migratedUrl: string) {
  const target = new URL(migratedUrl);
  const live = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const held = new Set<net.Socket>();
  let mode: ProxyMode = "forward";
  const hold = (socket: net.Socket) => {
    held.add(socket);
    socket.on("close", () => held.delete(socket));
    socket.on("error", () => undefined);
    socket.on("data", () => undefined); // read and drop: nothing is answered
  };
  const server = net.createServer((client) => {
    if (mode === "refuse") return void client.resetAndDestroy();
    if (mode === "blackhole") return hold(client);
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair = { client, upstream };
    live.add(pair);
    for (const s of [client, upstream]) {
      s.on("close", () => live.delete(pair));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listening = () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  let port = 0;
  await listening();
  port = (server.address() as net.AddressInfo).port;

  const set = async (next: ProxyMode) => {
    if (next === "refuse") {
      for (const { client, upstream } of live) { client.resetAndDestroy(); upstream.destroy(); }
      for (const s of held) s.resetAndDestroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    } else {
      if (!server.listening) await listening();
      if (next === "blackhole") {
        for (const pair of live) {
          pair.client.unpipe(pair.upstream);
          pair.upstream.unpipe(pair.client);
          hold(pair.client);
          pair.upstream.destroy(); // the server side is gone; the app's side never hears of it
        }
        live.clear();
      }
    }
    mode = next;
  };
  const proxied = new URL(migratedUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);
  return {
    url: proxied.toString(),
    set,
    close: async () => {
      await set("refuse");
    },
  };
}
