import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * What every page form carries besides its own fields: the CSRF token (checked
 * by the CSRF guard before the handler; declared here so that the global
 * ValidationPipe, which forbids unknown fields, lets it through).
 */
export class PageForm {
  @IsOptional() @IsString() @MaxLength(200) _csrf?: string;
}

/** What every page's query may carry besides its own parameters: the language switch (`?lang=en`). */
export class PageQuery {
  @IsOptional() @IsString() @MaxLength(10) lang?: string;
}
