import { Injectable } from '@nestjs/common';

/** The time, injectable so that tests can move it. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
