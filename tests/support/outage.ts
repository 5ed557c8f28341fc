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
