import dgram from 'node:dgram';
import net from 'node:net';

/** A port free for both TCP and UDP on every given address (nsd binds both protocols). */
export async function freePort(addresses: string[] = ['127.0.0.1']): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await tcpPort(addresses[0] ?? '127.0.0.1');
    const ok = await Promise.all(addresses.map(async (a) => (await canBindTcp(a, port)) && (await canBindUdp(a, port))));
    if (ok.every(Boolean)) return port;
  }
  throw new Error('no free port found for nsd');
}

function tcpPort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, address, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function canBindTcp(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, address, () => srv.close(() => resolve(true)));
  });
}

function canBindUdp(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', () => {
      sock.close();
      resolve(false);
    });
    sock.bind(port, address, () => sock.close(() => resolve(true)));
  });
}
