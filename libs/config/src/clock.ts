import { Global, Injectable, Module } from '@nestjs/common';

/** The time, injectable so that due dates, escalation and rate windows can be tested without waiting. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** One clock for the whole application, so that a test moving it moves it everywhere. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
