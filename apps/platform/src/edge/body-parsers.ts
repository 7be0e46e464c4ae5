import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InputProblem, jsonBody, urlencodedBody } from './input-check';
import { INPUT_PROBLEM } from './input.guard';

/**
 * JSON and urlencoded bodies, parsed with the edge's checks (input-check.ts).
 * A parser never fails the request itself: it marks the problem and hands on
 * an empty body, and InputGuard answers it in the caller's language and the
 * route's error format (Fastify's own error handler knows neither).
 */
export function useCheckedBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const mark = (req: object, problem: InputProblem | null) => {
    if (problem) (req as { [INPUT_PROBLEM]?: InputProblem })[INPUT_PROBLEM] = problem;
  };
  app.useBodyParser('application/json', { bodyLimit }, (req, raw, done) => {
    const { body, problem } = jsonBody(raw);
    mark(req, problem);
    done(null, body);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (req, raw, done) => {
    const { body, problem } = urlencodedBody(raw);
    mark(req, problem);
    done(null, body);
  });
}
