import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The sign-in form (POST /masuk); `_csrf` is checked by the CSRF guard before and stripped here. */
export class SignInForm {
  @IsOptional() @IsString() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
  @IsOptional() @IsString() @MaxLength(1000) next?: string;
}

/** The registration form (POST /daftar). */
export class RegisterForm {
  @IsOptional() @IsString() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
  @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @IsOptional() @IsString() @MaxLength(1000) next?: string;
}
