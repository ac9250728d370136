/**
 * A local stand-in for Postmark's Account + Server API, driven in tests through the official `postmark`
 * client (`{ useHttps: false, requestHost: sim.requestHost }`). See server.ts for the controls.
 */
export { startPostmarkSimulator } from './server';
export type { PostmarkSimulator, PostmarkSimulatorOptions } from './server';
export type { FaultSpec, Faults } from './faults';
export type { SimResolver } from './dns-verify';
export { RETURN_PATH_TARGET } from './dns-verify';
export type { SimDomain, SimEventKind, SimMessage, SimSender, SimServer, SimState } from './state';
export { createFakeResolver } from './fake-resolver';
export type { FakeResolver } from './fake-resolver';
export type { StatsProfile } from './stats-history';
