import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UnauthorizedException, UseFilters } from '@nestjs/common';
import { AccountView, Role } from './account.entity';
import { SignInRedirectFilter } from './sign-in-redirect.filter';

export const AUTHENTICATED = 'replika:authenticated';
/** Where AuthGuard leaves the signed-in account on the request. */
export const REQUEST_ACCOUNT = Symbol('replika.request-account');

export interface AuthenticatedOptions {
  /** Any signed-in account when omitted. */
  roles?: Role[];
}

/**
 * The route needs a signed-in account (with one of `roles`): otherwise pages
 * redirect to /masuk?next=…, APIs answer 401; a wrong role is 403.
 */
export const Authenticated = (options: AuthenticatedOptions = {}) =>
  applyDecorators(SetMetadata(AUTHENTICATED, options), UseFilters(SignInRedirectFilter));

/** A request as the guard leaves it: the signed-in account, if any, under its symbol. */
type AccountRequest = { [REQUEST_ACCOUNT]?: AccountView };

/** The signed-in account; for @Authenticated routes. */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): AccountView => {
  const account = ctx.switchToHttp().getRequest<AccountRequest>()[REQUEST_ACCOUNT];
  if (!account) throw new UnauthorizedException();
  return account;
});

/** The signed-in account or undefined, for routes open to everyone. */
export const OptionalAccount = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AccountView | undefined => ctx.switchToHttp().getRequest<AccountRequest>()[REQUEST_ACCOUNT],
);
