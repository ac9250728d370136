export { createHealthService, thresholdsFrom, type HealthService } from './health-service';
export { createStatsFetcher } from './stats-fetch';
export { judgeHealth } from './verdict';
