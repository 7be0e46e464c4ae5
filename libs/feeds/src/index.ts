import { Feeds1765090000417 } from './migrations/1765090000417-feeds';

export * from './feed-sources';
export * from './feeds.module';
export * from './feeds.repository';
export * from './feeds.service';
export * from './feeds.settings';
export * from './fetch/address-policy';
export * from './fetch/feed-failure';
export * from './fetch/feed-fetcher';
export * from './pages/feed-pages.mapper';
export * from './pages/sparkline';
export * from './pull/feed-document';
export * from './pull/feed-puller';
export * from './pull/feed-rows';
export * from './pull/feed-scheduler';

export const FEEDS_MIGRATIONS = [Feeds1765090000417];
