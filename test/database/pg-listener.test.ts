import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DatabaseConnection, PgListener } from '@app/database';
import { asOwner, SERVER_URL } from '../support/database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function within(ms: number, what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(25);
  }
}

/** The one LISTEN connection of an instance (config reloads, suspensions, page cache): what its users rely on when it drops. */
describe('PgListener', () => {
  // A channel of this run only: the server is shared.
  const channel = `test_listener_${randomBytes(4).toString('hex')}`;
  const other = `${channel}_other`;
  const heard: string[] = [];
  let reconnects = 0;
  let listener: PgListener;
  const notify = (ch: string, payload: string) => asOwner(SERVER_URL, (c) => c.query('SELECT pg_notify($1, $2)', [ch, payload]));
  const listening = () =>
    asOwner(
      SERVER_URL,
      async (c) =>
        (
          await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`, [
            `LISTEN ${other}`,
          ])
        ).rows,
    );

  before(async () => {
    listener = new PgListener({ isEmbedded: false, appOptions: () => ({ url: SERVER_URL }) } as unknown as DatabaseConnection);
    await listener.listen(
      channel,
      (payload) => heard.push(payload),
      () => reconnects++,
    );
    await listener.listen(other, (payload) => heard.push(`other ${payload}`));
  });
  after(() => listener.onApplicationShutdown());

  test('each channel hears its own announcements, on one connection', async () => {
    await notify(channel, 'jakarta');
    await notify(other, 'lampung');
    await within(2000, 'both heard', () => heard.length === 2);
    assert.deepEqual(heard.sort(), ['jakarta', 'other lampung']);
    assert.equal((await listening()).length, 1);
  });

  test('a terminated connection is reopened, every channel listened to again, and onReconnect resyncs what was missed', async () => {
    heard.length = 0;
    const [{ pid }] = await listening();
    await asOwner(SERVER_URL, (c) => c.query('SELECT pg_terminate_backend($1)', [pid]));
    await notify(channel, 'missed'); // nobody listens now: lost, which is what onReconnect is for
    await within(3000, 'onReconnect', () => reconnects === 1);
    await notify(channel, 'after');
    await notify(other, 'after');
    await within(2000, 'heard again', () => heard.includes('after') && heard.includes('other after'));
    assert.ok(!heard.includes('missed'));
  });

  test('after shutdown it stays closed', async () => {
    await listener.onApplicationShutdown();
    await sleep(600);
    assert.deepEqual(await listening(), []);
  });
});
