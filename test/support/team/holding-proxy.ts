import net from 'node:net';

/**
 * A TCP proxy to PostgreSQL that can hold the server's answers: once armed with `holdAfter(bytes)`, it forwards
 * that many more bytes from the server and then stops reading from it until `release()`. A join through it is
 * held in the middle of its copy — some rows in, the rest waiting — made certain by bytes, not by timing.
 */
export async function holdingProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  const upstreams = new Set<net.Socket>();
  let budget = Infinity;
  let held = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    upstreams.add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      budget -= chunk.length;
      if (budget <= 0 && !held) {
        held = true;
        for (const u of upstreams) u.pause();
      }
      if (held) upstream.pause();
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      upstreams.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream
      .on('error', end)
      .on('close', end)
      .on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** From now on, let `bytes` more bytes of the server's answers through, then hold the rest. */
    holdAfter(bytes: number) {
      budget = bytes;
    },
    held: () => held,
    release() {
      budget = Infinity;
      held = false;
      for (const u of upstreams) u.resume();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
