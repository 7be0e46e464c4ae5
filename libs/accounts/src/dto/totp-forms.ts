import { IsOptional, IsString, MaxLength } from 'class-validator';

/** POST /masuk/kode and the enrollment form: a 6-digit code. */
export class TotpCodeForm {
  @IsOptional() @IsString() @MaxLength(20) code?: string;
  @IsOptional() @IsString() @MaxLength(1000) next?: string;
}

/** POST /undangan/:token: the invited staff member's new password. */
export class InvitationForm {
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
}
