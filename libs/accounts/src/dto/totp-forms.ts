import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageForm } from '@app/views';

/** POST /masuk/kode and the enrollment form: a 6-digit code. */
export class TotpCodeForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(20) code?: string;
  @IsOptional() @IsString() @MaxLength(1000) next?: string;
}

/** POST /undangan/:token: the invited staff member's new password. */
export class InvitationForm extends PageForm {
  /** Hidden, for password managers: the account's email. */
  @IsOptional() @IsString() @MaxLength(254) username?: string;
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
}
