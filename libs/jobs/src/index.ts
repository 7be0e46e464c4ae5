export * from './job-queue';
export * from './jobs.settings';
export * from './jobs.module';
export * from './tenant-job-runner';
export * from './pg-boss-job-queue';
export * from './in-process-job-queue';
