import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from './account.entity';
import { AccountEvents } from './account-events';
import { AccountSettingsPageController } from './account-settings.page.controller';
import { AccountSettingsService } from './account-settings.service';
import { PasswordReset } from './password-reset.entity';
import { PasswordResetPageController } from './password-reset.page.controller';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { StaffSessionsService } from './staff-sessions.service';
import { AccountContext } from './account-context';
import { AccountRepository } from './account.repository';
import { AccountsApiController, AccountsApiErrorFilter } from './accounts.api.controller';
import { AccountsPageController } from './accounts.page.controller';
import { AccountsPageMapper } from './accounts.page.mapper';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';
import { Session } from './session.entity';
import { AccountInvitation } from './invitation.entity';
import { StaffService } from './staff.service';
import { TotpPageController } from './totp.page.controller';
import { TotpService } from './totp/totp.service';
import { SessionCookie } from './session-cookie';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

@Module({
  imports: [TypeOrmModule.forFeature([Account, Session, AccountInvitation, PasswordReset])],
  controllers: [
    AccountsPageController,
    AccountsApiController,
    TotpPageController,
    PasswordResetPageController,
    AccountSettingsPageController,
  ],
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
    TotpService,
    StaffService,
    AccountEvents,
    AccountSettingsService,
    PasswordResetRepository,
    PasswordResetService,
    StaffSessionsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    AccountsService,
    AccountContext,
    PasswordHasher,
    TotpService,
    StaffService,
    SessionService,
    AccountEvents,
    PasswordResetService,
    StaffSessionsService,
  ],
})
export class AccountsModule {}
