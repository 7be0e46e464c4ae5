import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageForm } from '@app/views';

/** POST /admin/berita/:id/tolak and /tarik: the reviewer's note to the author (optional; kept on the timeline). */
export class NewsNoteForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
