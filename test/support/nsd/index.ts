export { startNsd, nsdConfig, NSD_BINARY, type NsdServer, type StartNsdOptions } from './nsd-harness';
export { startSilentDns } from './silent-dns';
export { freePort } from './free-port';
export { startFixture, type FixtureServers } from './fixture-servers';
