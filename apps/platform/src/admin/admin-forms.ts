import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageForm, PageQuery } from '@app/views';

/** POST /admin/pengguna: invite a staff member. Shapes only; the rules live in StaffService. */
export class InviteForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @IsOptional() @IsString() @MaxLength(40) role?: string;
  @IsOptional() @IsString() @MaxLength(100) agencyCode?: string;
  @IsOptional() @IsString() @MaxLength(100) regionCode?: string;
}

/** POST /admin/pengguna/:id/cakupan */
export class ScopeForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(100) agencyCode?: string;
  @IsOptional() @IsString() @MaxLength(100) regionCode?: string;
}

/** POST /admin/kunci-api */
export class KeyForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
}

/** GET /admin/audit filters. */
export class AuditFilterQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @IsOptional() @IsString() @MaxLength(254) actor?: string;
  @IsOptional() @IsString() @MaxLength(10) from?: string;
  @IsOptional() @IsString() @MaxLength(10) to?: string;
  @IsOptional() @IsString() @MaxLength(6) page?: string;
}

/** A confirmation step's answer (revoke): `yes` only from the confirm page's form. */
export class ConfirmForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(10) confirm?: string;
}
