import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from './account.entity';
import { AccountContext } from './account-context';
import { AccountRepository } from './account.repository';
import { AccountsApiController, AccountsApiErrorFilter } from './accounts.api.controller';
import { AccountsPageController } from './accounts.page.controller';
import { AccountsPageMapper } from './accounts.page.mapper';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';
import { Session } from './session.entity';
import { SessionCookie } from './session-cookie';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

@Module({
  imports: [TypeOrmModule.forFeature([Account, Session])],
  controllers: [AccountsPageController, AccountsApiController],
  providers: [
    AccountRepository,
    SessionRepository,
    PasswordHasher,
    SessionService,
    SessionCookie,
    AccountsService,
    AccountContext,
    AccountsPageMapper,
    AccountsApiErrorFilter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsService, AccountContext, PasswordHasher],
})
export class AccountsModule {}
