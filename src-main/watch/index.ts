export { createWatchService, WATCHED_STATUSES, type WatchService } from './watch-service';
export { startWatchSchedule, inQuietHours } from './schedule';
