import { WebPush1765110000077 } from './migrations/1765110000077-web-push';

export * from './push-sender';
export * from './push.module';
export * from './push.repository';
export * from './push.settings';
export * from './report-push.notifier';
export * from './vapid-keys.service';

export const PUSH_MIGRATIONS = [WebPush1765110000077];
