import { IsString, MaxLength } from 'class-validator';

/** POST /api/sessions. Shapes only: the rules (email format, password policy) live in AccountsService. */
export class CreateSessionDto {
  @IsString() @MaxLength(254) email: string;
  @IsString() @MaxLength(1000) password: string;
}
