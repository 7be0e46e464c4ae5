export * from './mail.settings';
export * from './mail-transport';
export * from './mail-composer';
export * from './mailer';
export * from './mail.module';
