import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { MediaSettings } from './media.settings';
import { PendingPhotos } from './photos/pending-photos';
import { LocalDiskStorage } from './storage/local-disk-storage';
import { MediaStorage } from './storage/media-storage';
import { S3Storage } from './storage/s3-storage';

export interface MediaModuleOptions {
  settings: MediaSettings;
  /** DATA_DIR: the local driver keeps files under `<dataDir>/uploads`. */
  dataDir: string;
}

/** Uploaded files for every domain: the storage driver and the photos kept between two submissions of a form. */
@Global()
@Module({})
export class MediaModule implements OnApplicationShutdown {
  constructor(@Inject(MediaStorage) private readonly storage: MediaStorage) {}

  static forRoot({ settings, dataDir }: MediaModuleOptions): DynamicModule {
    return {
      module: MediaModule,
      providers: [
        { provide: MediaSettings, useValue: settings },
        { provide: MediaStorage, useFactory: () => mediaStorage(settings, dataDir) },
        PendingPhotos,
      ],
      exports: [MediaSettings, MediaStorage, PendingPhotos],
    };
  }

  onApplicationShutdown(): void {
    if (this.storage instanceof S3Storage) this.storage.destroy();
  }
}

/** S3 when S3_BUCKET is set, else the local disk under DATA_DIR (the default). */
export function mediaStorage(settings: MediaSettings, dataDir: string): MediaStorage {
  const storage = settings.S3_BUCKET
    ? new S3Storage({
        bucket: settings.S3_BUCKET,
        region: settings.S3_REGION ?? 'us-east-1',
        endpoint: settings.S3_ENDPOINT,
        forcePathStyle: settings.S3_FORCE_PATH_STYLE,
        credentials:
          settings.S3_ACCESS_KEY_ID && settings.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY }
            : undefined,
      })
    : new LocalDiskStorage(join(dataDir, 'uploads'));
  new Logger('Media').log(`uploaded files stored on ${storage.driver === 's3' ? `S3 bucket ${settings.S3_BUCKET}` : 'the local disk'}`);
  return storage;
}
