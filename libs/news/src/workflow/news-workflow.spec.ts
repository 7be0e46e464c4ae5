import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NewsError, NewsErrorCode } from '../news-error';
import { allowedActions, assertAllowed, publicationTime } from './news-workflow';

const editor = { accountId: 'e', role: 'editor' };
const otherEditor = { accountId: 'e2', role: 'editor' };
const reviewer = { accountId: 'r', role: 'reviewer' };
const admin = { accountId: 'a', role: 'admin' };
const citizen = { accountId: 'c', role: 'citizen' };

const refused = (code: NewsErrorCode) => (e: unknown) => e instanceof NewsError && e.code === code;

test('the author edits and submits their own draft; nobody else does', () => {
  const draft = { status: 'draft' as const, authorAccountId: 'e' };
  assert.deepEqual(allowedActions(editor, draft), ['edit', 'submit']);
  for (const other of [otherEditor, reviewer, admin, citizen]) {
    assert.throws(() => assertAllowed(other, draft, 'edit'), refused(NewsErrorCode.NotAuthor));
    assert.throws(() => assertAllowed(other, draft, 'submit'), refused(NewsErrorCode.NotAuthor));
  }
});

test('a reviewer other than the author publishes or rejects an article in review', () => {
  const inReview = { status: 'in_review' as const, authorAccountId: 'e' };
  assert.deepEqual(allowedActions(reviewer, inReview), ['publish', 'reject']);
  assert.deepEqual(allowedActions(admin, inReview), ['publish', 'reject']);
  assert.deepEqual(allowedActions(editor, inReview), []);
  assert.throws(() => assertAllowed(otherEditor, inReview, 'publish'), refused(NewsErrorCode.NotReviewer));
  assert.throws(() => assertAllowed(citizen, inReview, 'publish'), refused(NewsErrorCode.NotReviewer));
});

test('nobody publishes their own article, an admin included', () => {
  const ownByAdmin = { status: 'in_review' as const, authorAccountId: 'a' };
  assert.throws(() => assertAllowed(admin, ownByAdmin, 'publish'), refused(NewsErrorCode.OwnArticle));
  assert.ok(!allowedActions(admin, ownByAdmin).includes('publish'));
  const ownByReviewer = { status: 'in_review' as const, authorAccountId: 'r' };
  assert.throws(() => assertAllowed(reviewer, ownByReviewer, 'publish'), refused(NewsErrorCode.OwnArticle));
});

test('a draft cannot be published without review, nor a published article edited', () => {
  assert.throws(() => assertAllowed(reviewer, { status: 'draft', authorAccountId: 'e' }, 'publish'), refused(NewsErrorCode.WrongStatus));
  const published = { status: 'published' as const, authorAccountId: 'e' };
  assert.throws(() => assertAllowed(editor, published, 'edit'), refused(NewsErrorCode.WrongStatus));
  assert.throws(() => assertAllowed(editor, published, 'submit'), refused(NewsErrorCode.WrongStatus));
  assert.deepEqual(allowedActions(reviewer, published), ['unpublish']);
  assert.deepEqual(allowedActions(editor, published), []);
});

test('an unpublished article is edited by its author and goes through review again', () => {
  const unpublished = { status: 'unpublished' as const, authorAccountId: 'e' };
  assert.deepEqual(allowedActions(editor, unpublished), ['edit', 'submit']);
  assert.deepEqual(allowedActions(reviewer, unpublished), []);
});

test('publication time: a future proposal is kept (scheduled), a past or missing one becomes now', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const later = new Date('2026-03-02T00:00:00Z');
  assert.equal(publicationTime(later, now), later);
  assert.equal(publicationTime(new Date('2026-02-01T00:00:00Z'), now), now);
  assert.equal(publicationTime(null, now), now);
});
