import { Injectable } from '@nestjs/common';

/** The time, injectable so that due dates, escalation and rate windows can be tested without waiting. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
