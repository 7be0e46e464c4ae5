import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';

/** A page needs a signed-in account: the browser is sent to the sign-in page, which returns it to `next`. */
export class SignInRequiredException extends Error {
  constructor(readonly next: string) {
    super('sign-in required');
  }

  get location(): string {
    return `/masuk?next=${encodeURIComponent(this.next)}`;
  }
}

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body?: unknown): unknown;
}

@Catch(SignInRequiredException)
export class SignInRedirectFilter implements ExceptionFilter {
  catch(e: SignInRequiredException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Reply>().status(303).header('location', e.location).header('cache-control', 'no-store').send();
  }
}
