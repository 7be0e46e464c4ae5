import { ArticleStatus } from '../entities/news-article.entity';
import { NewsError, NewsErrorCode } from '../news-error';

/** Who acts on an article: the signed-in staff account, as the news domain sees it. */
export interface NewsActor {
  accountId: string;
  role: string;
  /** Display name, kept in the article's timeline. */
  name: string;
  /** How the audit log names them. */
  email: string;
  ip?: string | null;
}

export interface ArticleState {
  status: ArticleStatus;
  authorAccountId: string;
}

/** Roles that write articles (an admin may, too, and is then an author like any other). */
export const WRITER_ROLES = ['editor', 'admin'] as const;
/** Roles that publish, reject and unpublish (never an article of their own). */
export const REVIEWER_ROLES = ['reviewer', 'admin'] as const;
/** Who may open the news console at all. */
export const NEWS_STAFF_ROLES = ['editor', 'reviewer', 'admin'] as const;

export type NewsAction = 'edit' | 'submit' | 'publish' | 'reject' | 'unpublish';

const FROM: Record<NewsAction, ArticleStatus[]> = {
  edit: ['draft', 'unpublished'],
  submit: ['draft', 'unpublished'],
  publish: ['in_review'],
  reject: ['in_review'],
  unpublish: ['published'],
};

export function isWriter(role: string): boolean {
  return (WRITER_ROLES as readonly string[]).includes(role);
}

export function isReviewer(role: string): boolean {
  return (REVIEWER_ROLES as readonly string[]).includes(role);
}

/**
 * The two-person rule, in one place. Edits and submission are the author's
 * alone; publishing needs a reviewer who is not the author (whatever their
 * role: an admin who wrote the article cannot publish it either). Nothing
 * published is edited in place: it is unpublished, edited as a draft, and
 * reviewed again. Throws the NewsError that says why not.
 */
export function assertAllowed(actor: Pick<NewsActor, 'accountId' | 'role'>, article: ArticleState, action: NewsAction): void {
  const own = actor.accountId === article.authorAccountId;
  switch (action) {
    case 'edit':
    case 'submit':
      if (!own || !isWriter(actor.role)) throw new NewsError(NewsErrorCode.NotAuthor);
      break;
    case 'publish':
      if (!isReviewer(actor.role)) throw new NewsError(NewsErrorCode.NotReviewer);
      if (own) throw new NewsError(NewsErrorCode.OwnArticle);
      break;
    case 'reject':
    case 'unpublish':
      if (!isReviewer(actor.role)) throw new NewsError(NewsErrorCode.NotReviewer);
      break;
  }
  if (!FROM[action].includes(article.status)) throw new NewsError(NewsErrorCode.WrongStatus);
}

/** The actions open to the actor on the article now, for the buttons a page shows. */
export function allowedActions(actor: Pick<NewsActor, 'accountId' | 'role'>, article: ArticleState): NewsAction[] {
  return (Object.keys(FROM) as NewsAction[]).filter((action) => {
    try {
      assertAllowed(actor, article, action);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * When a publication takes effect: the author's proposed time if it is still
 * ahead (scheduled), otherwise now.
 */
export function publicationTime(proposed: Date | null, now: Date): Date {
  return proposed && proposed.getTime() > now.getTime() ? proposed : now;
}
