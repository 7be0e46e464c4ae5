import { ConsoleLogger, LogLevel } from '@nestjs/common';

/**
 * Nest's logger, minus the `ExceptionHandler` report of a failed boot (the
 * error and all its stack frames): the boot's caller (main, the CLI) prints
 * one clean message naming the file or variable instead.
 */
export class BootLogger extends ConsoleLogger {
  constructor(levels: LogLevel[]) {
    super({ logLevels: levels });
  }

  override error(message: unknown, ...rest: unknown[]): void {
    if (rest[rest.length - 1] === 'ExceptionHandler') return;
    super.error(message, ...(rest as [string?, string?]));
  }
}
