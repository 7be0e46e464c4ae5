import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const VIEWS = join(__dirname, '..', '..', '..', '..', 'apps', 'platform', 'views');

/**
 * The only unescaped outputs of the base views, each HTML we produce ourselves:
 * the layout's rendered page, and news bodies from the safe Markdown renderer
 * (libs/news/src/markdown). A new `{{{ }}}` must be added here, and reviewed.
 */
const ALLOWED = [
  'layouts/main.hbs: {{{body}}}',
  'pages/admin-news-form.hbs: {{{preview}}}',
  'partials/news-article-body.hbs: {{{article.bodyHtml}}}',
];

test('the base views write raw HTML only where it is our own render', () => {
  const found: string[] = [];
  for (const file of readdirSync(VIEWS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.hbs'))
    .sort()) {
    for (const m of readFileSync(join(VIEWS, file), 'utf8').matchAll(/\{\{~?\{[^}]*\}~?\}\}|\{\{~?&[^}]*\}\}/g)) {
      found.push(`${file.replace(/\\/g, '/')}: ${m[0]}`);
    }
  }
  assert.deepEqual(found, ALLOWED);
});
