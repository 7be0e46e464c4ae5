import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactContacts } from './personal-data';

test('e-mail addresses and Indonesian phone numbers are redacted, the rest of the text stays', () => {
  assert.equal(
    redactContacts('Hubungi saya di budi.s@mail.co.id atau 0812-3456-7890, lubang di Jl. Sudirman 12.'),
    'Hubungi saya di [dihapus] atau [dihapus], lubang di Jl. Sudirman 12.',
  );
  assert.equal(redactContacts('WA +62 812 3456 7890 / 6281234567890'), 'WA [dihapus] / [dihapus]');
  assert.equal(redactContacts('Tiang listrik nomor 12, RT 003/RW 05, sejak 2024'), 'Tiang listrik nomor 12, RT 003/RW 05, sejak 2024');
});
