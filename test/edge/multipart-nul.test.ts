import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiErrorJson, FeedJson } from '../support/api';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';

const PLACES = {
  'jakarta.localhost': { latitude: '-6.2440', longitude: '106.8000' },
  'lampung.localhost': { latitude: '-5.43', longitude: '105.26' },
};

/**
 * A multipart body is read by the handler, so the edge checks its text fields as they are read: a NUL byte is
 * refused with the edge's own 400 (`invalid-input.nul`), not left to PostgreSQL (which would refuse it with a
 * different, later error), and nothing is stored.
 */
describe('NUL bytes in multipart text fields', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let photo: Buffer;

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    photo = await testPhoto(4);
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  const submit = (host: string, fields: Record<string, string>) => {
    const { body, contentType } = multipartBody(fields, [{ field: 'photos', filename: 'foto.jpg', type: 'image/jpeg', data: photo }]);
    return request(platform.url, '/api/reports', { host, method: 'POST', body, headers: { 'content-type': contentType } });
  };
  const publicCount = async (host: string) => (await request(platform.url, '/api/reports', { host })).json<FeedJson>().items.length;

  for (const [host, place] of Object.entries(PLACES)) {
    test(`${host}: a report whose description or field name holds a NUL is a 400 from the edge, and nothing is stored`, async () => {
      const fields = { category: 'jalan-rusak', ...place, description: 'Jalan rusak parah di depan sekolah dasar.', privacy: 'public' };
      const before = await publicCount(host);
      for (const bad of [
        { ...fields, description: 'Jalan rusak\0 parah di depan sekolah dasar.' },
        { ...fields, 'cat\0atan': 'x' },
      ]) {
        const res = await submit(host, bad);
        assert.equal(res.status, 400, res.body);
        const error = res.json<ApiErrorJson>();
        assert.equal(error.code, 'invalid-input.nul');
        assert.match(error.message, /NUL/);
      }
      assert.equal(await publicCount(host), before, 'nothing was stored');
      const good = await submit(host, fields);
      assert.equal(good.status, 201, good.body);
      assert.equal(await publicCount(host), before + 1);
    });
  }
});
