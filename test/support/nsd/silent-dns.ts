import dgram from 'node:dgram';

/**
 * A UDP "DNS server" that never answers: the only way to make a real resolver time out on loopback
 * (nsd always answers, and a closed port answers at once with ICMP unreachable).
 */
export async function startSilentDns(address = '127.0.0.1'): Promise<{ server: string; port: number; queries: () => number; stop(): Promise<void> }> {
  const sock = dgram.createSocket('udp4');
  let seen = 0;
  sock.on('message', () => {
    seen += 1;
  });
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(0, address, () => resolve());
  });
  const port = sock.address().port;
  return {
    server: `${address}:${port}`,
    port,
    queries: () => seen,
    stop: () => new Promise<void>((resolve) => sock.close(() => resolve())),
  };
}
