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

/** POST /masuk/lupa: the address a reset link goes to (if it has an account). */
export class ForgotPasswordForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(254) email?: string;
}

/** POST /masuk/sandi-baru/:token; `username` is the form's hidden field for password managers, ignored. */
export class NewPasswordForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
  @IsOptional() @IsString() @MaxLength(254) username?: string;
}

/** POST /akun/profil */
export class ProfileForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(200) displayName?: string;
}

/** POST /akun/sandi */
export class ChangePasswordForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(1000) currentPassword?: string;
  @IsOptional() @IsString() @MaxLength(1000) password?: string;
  @IsOptional() @IsString() @MaxLength(254) username?: string;
}

/** POST /akun/hapus: the password and the explicit confirmation box. */
export class DeleteAccountForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(1000) currentPassword?: string;
  @IsOptional() @IsString() @MaxLength(10) confirm?: string;
}
