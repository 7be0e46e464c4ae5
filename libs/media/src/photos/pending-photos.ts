import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '@app/config';
import { TenantContext } from '@app/tenancy';
import { inspectPhoto } from './photo-inspector';
import { MediaStorage, tenantKey } from '../storage/media-storage';

/** How long a photo chosen on a form that came back with errors stays usable. */
export const PENDING_PHOTO_TTL_MS = 2 * 3_600_000;

const PENDING_ID = /^[A-Za-z0-9_-]{24}$/;

interface PendingRecord {
  /** sha256 of the browser's own secret (its CSRF cookie): only that browser can use the photo. */
  owner: string;
  at: number;
}

/**
 * Photos kept between two submissions of one form: when the server answers
 * with errors, the photos that were fine are stored under the tenant's prefix
 * (`<tenant>/pending/<id>`) and the form carries their opaque ids in a hidden
 * field, so the citizen does not choose them again. An id is only honoured for
 * the same browser and within PENDING_PHOTO_TTL_MS.
 */
@Injectable()
export class PendingPhotos {
  constructor(
    private readonly storage: MediaStorage,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  /** Keeps the acceptable photos among `files`; answers their ids (nothing for files that are not photos). */
  async keep(files: { data: Buffer }[], browserSecret: string | undefined, maxBytes: number): Promise<string[]> {
    if (!browserSecret) return [];
    const ids: string[] = [];
    for (const file of files) {
      try {
        await inspectPhoto(file.data, maxBytes);
      } catch {
        continue;
      }
      const id = randomBytes(18).toString('base64url');
      const record: PendingRecord = { owner: ownerOf(browserSecret), at: this.clock.now().getTime() };
      await this.storage.put(this.key(id, 'photo'), file.data);
      await this.storage.put(this.key(id, 'json'), Buffer.from(JSON.stringify(record)), 'application/json');
      ids.push(id);
    }
    return ids;
  }

  /** The photos behind `ids` that this browser kept and that have not expired; others are silently dropped. */
  async take(ids: string[], browserSecret: string | undefined): Promise<{ id: string; data: Buffer }[]> {
    if (!browserSecret) return [];
    const found: { id: string; data: Buffer }[] = [];
    for (const id of new Set(ids)) {
      if (!PENDING_ID.test(id)) continue;
      const raw = await this.storage.get(this.key(id, 'json'));
      if (!raw) continue;
      let record: PendingRecord;
      try {
        record = JSON.parse(raw.toString('utf8')) as PendingRecord;
      } catch {
        continue;
      }
      if (record.owner !== ownerOf(browserSecret) || this.clock.now().getTime() - record.at > PENDING_PHOTO_TTL_MS) continue;
      const data = await this.storage.get(this.key(id, 'photo'));
      if (data) found.push({ id, data });
    }
    return found;
  }

  private key(id: string, kind: 'photo' | 'json'): string {
    return tenantKey(this.context.tenant.slug, 'pending', `${id}.${kind}`);
  }
}

function ownerOf(secret: string): string {
  return createHash('sha256').update(`pending-photo:${secret}`).digest('hex');
}

/** The pending ids a form sent back (comma-separated, at most `max`). */
export function pendingIdsOf(field: string | undefined, max: number): string[] {
  return (field ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => PENDING_ID.test(s))
    .slice(0, max);
}
