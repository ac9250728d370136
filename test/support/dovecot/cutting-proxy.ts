import net from 'node:net';

/**
 * A TCP proxy in front of the IMAP server that drops the connection in the middle of the Nth message download
 * (the Nth `BODY.PEEK[]` command the client sends), after letting `bytes` of the server's answer through —
 * the "connection dropped mid-fetch" of issue #14, done to a real server over a real socket.
 */
export async function cuttingProxy(
  target: { host: string; port: number },
  cutAtDownload: number,
  bytes = 200,
): Promise<{ port: number; cuts: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const state = { port: 0, cuts: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let downloads = 0;
    let budget = -1; // bytes still allowed from the server once the cut is armed
    client.on('data', (d) => {
      downloads += (String(d).match(/PEEK\[\]/gi) ?? []).length;
      if (downloads >= cutAtDownload && budget < 0) budget = bytes;
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (budget < 0) return void client.write(d);
      client.write(d.subarray(0, budget));
      budget -= Math.min(budget, d.length);
      if (budget === 0) {
        state.cuts++;
        client.destroy();
        upstream.destroy();
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as net.AddressInfo).port;
  return {
    get port() {
      return state.port;
    },
    get cuts() {
      return state.cuts;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
