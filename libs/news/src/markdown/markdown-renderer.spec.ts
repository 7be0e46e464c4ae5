import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown, safeLinkHref, sanitizeRendered } from './markdown-renderer';

/** No element that runs script or loads from a dangerous URL survives, whatever the Markdown. */
function assertInert(html: string): void {
  assert.doesNotMatch(html, /<script/i, html);
  // Attribute values are escaped (no raw quote inside), so what is between quotes cannot open an attribute.
  const tags = html.replace(/"[^"]*"/g, '""');
  assert.doesNotMatch(tags, /<[^>]+\son[a-z]+\s*=/i, `event handler attribute in ${html}`);
  assert.doesNotMatch(html, /<(iframe|object|embed|svg|style|form|input|math|base|meta|link)\b/i, html);
  assert.doesNotMatch(html, /(href|src)\s*=\s*"\s*(javascript|vbscript|data|file):/i, html);
}

test('ordinary Markdown renders', () => {
  const html = renderMarkdown(
    '# Judul\n\nParagraf **tebal** dan _miring_.\n\n- satu\n- dua\n\n[JakLingko](https://jaklingkoindonesia.co.id) ![foto](https://example.org/a.jpg)',
  );
  assert.match(html, /<h1>Judul<\/h1>/);
  assert.match(html, /<strong>tebal<\/strong>/);
  assert.match(html, /<li>satu<\/li>/);
  assert.match(html, /<a href="https:\/\/jaklingkoindonesia.co.id" rel="noopener noreferrer nofollow">JakLingko<\/a>/);
  assert.match(html, /<img src="https:\/\/example.org\/a.jpg" alt="foto" loading="lazy" ?\/?>/);
});

test('script tags, block and inline, are escaped text', () => {
  for (const source of ['<script>alert(1)</script>', 'teks <script>alert(1)</script> teks', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>']) {
    const html = renderMarkdown(source);
    assertInert(html);
    assert.match(html, /&lt;script/i);
  }
});

test('HTML with event handlers is escaped text', () => {
  for (const source of [
    '<img src=x onerror=alert(1)>',
    'a <img src=x onerror="alert(1)"> b',
    '<div onmouseover="alert(1)">x</div>',
    '<svg onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
  ]) {
    assertInert(renderMarkdown(source));
  }
});

test('javascript:, vbscript: and data: links lose their link and keep their text', () => {
  for (const href of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'jav&#x61;script:alert(1)',
    'javascript&colon;alert(1)',
  ]) {
    const html = renderMarkdown(`[klik](${href})`);
    assertInert(html);
    assert.doesNotMatch(html, /<a /, `${href} → ${html}`);
    assert.match(html, /klik/);
  }
  assertInert(renderMarkdown('<javascript:alert(1)>'));
  assertInert(renderMarkdown('[klik][x]\n\n[x]: javascript:alert(1)'));
});

test('http(s), mailto and relative links are kept, their attributes escaped', () => {
  assert.match(renderMarkdown('[a](mailto:humas@jakarta.go.id)'), /href="mailto:humas@jakarta.go.id"/);
  assert.match(renderMarkdown('[a](/laporan)'), /href="\/laporan"/);
  assert.match(renderMarkdown('[a](#bagian)'), /href="#bagian"/);
  const quoted = renderMarkdown('[a](https://example.org/?q=1 "judul\\" onmouseover=\\"alert(1)")');
  assertInert(quoted);
  assert.match(quoted, /title="judul&quot; onmouseover=&quot;alert\(1\)"/);
});

test('images from data:, javascript: or relative sources are dropped, their alt text escaped', () => {
  for (const src of ['data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+', 'javascript:alert(1)', '/x.png', 'x" onerror="alert(1)']) {
    const html = renderMarkdown(`![alt <b>teks</b>](${src})`);
    assertInert(html);
    assert.doesNotMatch(html, /<img/, `${src} → ${html}`);
  }
  const html = renderMarkdown('![" onerror="alert(1)](https://example.org/a.png)');
  assertInert(html);
  assert.match(html, /alt="&quot; onerror=&quot;alert\(1\)"/);
});

test('code keeps markup as text', () => {
  const html = renderMarkdown('`<script>` and\n\n```\n<img src=x onerror=alert(1)>\n```');
  assertInert(html);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('safeLinkHref', () => {
  assert.equal(safeLinkHref('https://a.example'), 'https://a.example');
  assert.equal(safeLinkHref('halaman/lain'), 'halaman/lain');
  assert.equal(safeLinkHref('/a:b'), '/a:b');
  assert.equal(safeLinkHref('\u0001javascript:alert(1)'), null);
  assert.equal(safeLinkHref('tel:112'), null);
});

/** The second layer alone, as if a bug in the renderer above (ours or marked's) let raw HTML through. */
test('second layer: hostile HTML reaching the sanitiser is made inert', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
    '<a href="vbscript:x">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="//evil.example/x">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg><script>alert(1)</script></svg>',
    '<math><mtext><img src=x onerror=alert(1)></mtext></math>',
    '<style>body{display:none}</style>',
    '<form action="https://evil.example"><input name=password></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)">x</p>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<a href="https://a.example" target="_blank" onmouseover="alert(1)">x</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<!--<img src=x onerror=alert(1)>-->',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<img src="&#x6A;avascript:alert(1)">',
    '<a href="&#x2F;/evil.example">x</a>',
    '<img src="https://a.example/x.png" srcset="javascript:alert(1) 1x">',
    '<input type="text" autofocus onfocus="alert(1)">',
  ];
  for (const source of hostile) {
    const html = sanitizeRendered(source);
    assertInert(html);
    assert.doesNotMatch(html, /href="\/\/|srcset|style=|target=|autofocus/i, `${source} → ${html}`);
    assert.doesNotMatch(html, /(href|src)="[^"]*&#/i, `no character reference left in a URL: ${source} → ${html}`);
  }
});

test('second layer: what the renderer makes passes unchanged in meaning', () => {
  const html = renderMarkdown(
    '## Jadwal\n\n1. satu\n2. dua\n\n> kutipan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] selesai\n\n```js\nlet a = 1 < 2;\n```\n\n~~coret~~ [tautan](https://jakarta.go.id "judul")',
  );
  assert.match(html, /<h2>Jadwal<\/h2>/);
  assert.match(html, /<ol>\s*<li>satu<\/li>/);
  assert.match(html, /<blockquote>/);
  assert.match(html, /<table>/);
  assert.match(html, /<code class="language-js">let a = 1 &lt; 2;/);
  assert.match(html, /<del>coret<\/del>/);
  assert.match(html, /<a href="https:\/\/jakarta.go.id" title="judul" rel="noopener noreferrer nofollow">tautan<\/a>/);
});
