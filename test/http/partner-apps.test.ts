import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { request } from '../support/http';
import { platformOnTestDatabase } from '../support/platform';

/** Partner apps (config `partnerApps`) are external-link tiles after the service tiles; Lampung replaces Jakarta's. */
describe('partner app tiles on the home page', () => {
  const booted = platformOnTestDatabase();

  test('Jakarta links its partners externally, after its services', async () => {
    const home = (await request(booted.platform.url, '/', { host: 'jakarta.localhost' })).body;
    const tile =
      /<a class="tile__link" href="https:\/\/jaklingkoindonesia.co.id" target="_blank" rel="noopener noreferrer" data-partner="jaklingko">/;
    assert.match(home, tile);
    assert.match(home, /href="https:\/\/www.bankdki.co.id"[^>]*rel="noopener noreferrer"/);
    assert.ok(home.indexOf('href="/laporan"') < home.indexOf('data-partner="jaklingko"'), 'partner tiles come after the service tiles');
    assert.match(home, /tautan ke situs luar/);
  });

  test("Lampung removes Jakarta's partners and adds its own", async () => {
    const home = (await request(booted.platform.url, '/', { host: 'lampung.localhost' })).body;
    assert.doesNotMatch(home, /jaklingko|bankdki|transjakarta|jakartamrt/);
    assert.match(home, /href="https:\/\/banklampung.co.id"[^>]*rel="noopener noreferrer" data-partner="bank-lampung"/);
  });
});
