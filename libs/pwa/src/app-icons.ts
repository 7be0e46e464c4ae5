import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import sharp from 'sharp';
import { MediaStorage } from '@app/media';
import { Tenant } from '@app/tenancy';
import { APP_ICONS, AppIconName } from './web-app-manifest';

/** At most this many rendered icons are kept (three per tenant and branding). */
const CACHED = 300;

/**
 * The app icons of a tenant, rendered with sharp from its logo (SVG, PNG, JPEG
 * or WebP; from the tenant folder or uploaded from the console) on its
 * background colour: 192 and 512 px with a small margin, and a maskable 512 px
 * with the logo inside the safe zone (the middle 80 % circle). Rendered once
 * per tenant and branding, then kept in memory.
 */
@Injectable()
export class AppIcons {
  private readonly logger = new Logger('AppIcons');
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(private readonly storage: MediaStorage) {}

  /** Changes whenever what the icons are drawn from changes. */
  version(tenant: Tenant): string {
    const { logo, colors, appName } = tenant.config.branding;
    return createHash('sha256')
      .update(JSON.stringify([logo ?? null, colors.background, colors.primary, appName]))
      .digest('hex')
      .slice(0, 12);
  }

  icon(tenant: Tenant, name: AppIconName): Promise<Buffer> {
    const key = `${tenant.slug}:${this.version(tenant)}:${name}`;
    let icon = this.cache.get(key);
    if (!icon) {
      icon = this.render(tenant, name);
      icon.catch(() => this.cache.delete(key));
      this.cache.set(key, icon);
      if (this.cache.size > CACHED) this.cache.delete(this.cache.keys().next().value!);
    }
    return icon;
  }

  private async render(tenant: Tenant, name: AppIconName): Promise<Buffer> {
    const { size, maskable } = APP_ICONS[name];
    const { colors } = tenant.config.branding;
    const inner = Math.round(size * (maskable ? 0.6 : 0.84));
    const logo = await this.logo(tenant);
    const mark = logo
      ? await sharp(logo, { density: 384 })
          .resize(inner, inner, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
          .png()
          .toBuffer()
      : await this.initial(tenant, inner);
    return sharp({ create: { width: size, height: size, channels: 4, background: colors.background } })
      .composite([{ input: mark, gravity: 'centre' }])
      .png()
      .toBuffer();
  }

  /** The logo's bytes, or null (no logo, or one that cannot be read: the initial is drawn instead). */
  private async logo(tenant: Tenant): Promise<Buffer | null> {
    const path = tenant.config.branding.logo;
    if (!path) return null;
    try {
      if (path.startsWith('uploads/branding/'))
        return await this.storage.get(`${tenant.slug}/branding/${path.slice('uploads/branding/'.length)}`);
      const file = normalize(path.slice('assets/'.length));
      if (file.startsWith('..') || file.includes('/..') || file.startsWith('/')) return null;
      for (const folder of tenant.folders) {
        const data = await readFile(join(folder, 'assets', file)).catch(() => null);
        if (data) return data;
      }
    } catch (error) {
      this.logger.warn(`[${tenant.slug}] logo ${path} could not be read: ${(error as Error).message}`);
    }
    return null;
  }

  /** Without a logo: the app name's first letter, white on the primary colour, in a circle. */
  private initial(tenant: Tenant, size: number): Promise<Buffer> {
    const { appName, colors } = tenant.config.branding;
    const letter = (appName.trim()[0] ?? '?').toUpperCase().replace(/[<>&"']/g, '?');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
      <circle cx="50" cy="50" r="50" fill="${colors.primary}"/>
      <text x="50" y="68" font-family="sans-serif" font-size="52" font-weight="700" text-anchor="middle" fill="#ffffff">${letter}</text></svg>`;
    return sharp(Buffer.from(svg)).png().toBuffer();
  }
}
