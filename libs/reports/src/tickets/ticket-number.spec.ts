import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDay } from '@app/config';
import { formatTicketNumber } from './ticket-number';

test('prefix, YYMMDD and a four-digit daily sequence', () => {
  assert.equal(formatTicketNumber('JK', new Date('2025-03-05T03:00:00Z'), 'Asia/Jakarta', 7), 'JK2503050007');
});

test("the day is the tenant's: 18:30 UTC is already the next day in Jakarta", () => {
  assert.equal(localDay(new Date('2025-03-05T18:30:00Z'), 'Asia/Jakarta'), '2025-03-06');
  assert.equal(formatTicketNumber('LP', new Date('2025-03-05T18:30:00Z'), 'Asia/Jakarta', 12345), 'LP25030612345');
});
