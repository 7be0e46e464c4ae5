import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageForm } from '@app/views';

/** The sign-in form (POST /masuk); `_csrf` is checked by the CSRF guard before and stripped here. */
export class SignInForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
  @IsOptional() @IsString() @MaxLength(1000) next?: string;
}

/** The registration form (POST /daftar). */
export class RegisterForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
  @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @IsOptional() @IsString() @MaxLength(1000) next?: string;
}
