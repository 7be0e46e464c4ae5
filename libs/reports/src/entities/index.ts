export * from './report-event.entity';
export * from './report-photo.entity';
export * from './report-support.entity';
export * from './report.entity';
