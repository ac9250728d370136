// What `npm run demo` (scripts/demo.mjs) bundles: the Postmark simulator, the nsd harness and the demo's
// generated DNS zones and DMARC reports. Test fixtures on purpose: the demo shows what the tests verify.
export { startPostmarkSimulator } from '../postmark-sim';
export { startNsd } from '../nsd';
export { demoZones, type DemoDomain } from './demo-zones';
export { demoReports } from './demo-reports';
