import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { existsSync, FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { TenancySettings } from '@app/tenancy';
import { TenantReloader } from './tenant-reloader';
import { TenantSources } from './tenant-sources';

const DEBOUNCE_MS = 200;

/**
 * Development only (NODE_ENV not production, WATCH_TENANTS not false):
 * reloads the tenant folders when a file in them changes. Node 20 has no
 * recursive fs.watch on Linux, so every folder under TENANTS_DIR is watched
 * on its own (and the set re-made after each change, for new folders).
 * Changes are debounced; a broken edit keeps the last good config.
 */
@Injectable()
export class TenantFolderWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TenantFolderWatcher');
  private watchers: FSWatcher[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly settings: TenancySettings,
    private readonly sources: TenantSources,
    private readonly reloader: TenantReloader,
  ) {}

  get enabled(): boolean {
    return this.settings.NODE_ENV !== 'production' && this.settings.WATCH_TENANTS;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled || !existsSync(this.sources.dir)) return;
    this.watchAll();
    this.logger.log(`watching ${this.sources.dir} for changes`);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.unwatch();
  }

  private watchAll(): void {
    this.unwatch();
    for (const dir of foldersUnder(this.sources.dir)) {
      try {
        const watcher = watch(dir, () => this.changed());
        watcher.on('error', () => undefined);
        this.watchers.push(watcher);
      } catch {
        // Removed between listing and watching: the next change re-lists.
      }
    }
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reloader.reloadFolders();
      this.watchAll();
    }, DEBOUNCE_MS);
    this.timer.unref();
  }

  private unwatch(): void {
    this.watchers.forEach((w) => w.close());
    this.watchers = [];
  }
}

function foldersUnder(root: string): string[] {
  const found = [root];
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    try {
      if (!entry.startsWith('.') && statSync(path).isDirectory()) found.push(...foldersUnder(path));
    } catch {
      // vanished meanwhile
    }
  }
  return found;
}
