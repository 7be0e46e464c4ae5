import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { MediaStorage } from '@app/media';
import { exportTenantFiles } from './tenant-files';

export const ARCHIVE_FORMAT = 'replika-tenant-export';
export const ARCHIVE_VERSION = 1;

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  tenant: string;
  exportedAt: string;
  /** Rows per table. */
  rows: Record<string, number>;
  /** Files (photos, evidence, logos, news covers) under the tenant's storage prefix. */
  files: number;
}

export interface TenantArchiveContents {
  manifest: ArchiveManifest;
  /** The tenant's folder as it was (tenant.yaml, agencies, templates, locales, ...): file path → content. */
  folder: Map<string, Buffer>;
  /** The effective config at export time (folders + latest admin revision), for people and tools to read. */
  effectiveConfig: unknown;
  rows: Map<string, unknown[]>;
  /** Where the extracted files of the tenant's storage prefix are; removed by `dispose`. */
  filesDir: string;
  dispose(): void;
}

/**
 * One tenant's export as one .tar.gz (node-tar):
 *   manifest.json, config/folder/** (the tenant folder), config/effective.json,
 *   rows/<table>.ndjson (one JSON row per line), files/** (its storage prefix).
 */
export async function writeTenantArchive(
  out: string,
  parts: {
    manifest: Omit<ArchiveManifest, 'files'>;
    folderDir?: string;
    effectiveConfig: unknown;
    rows: Map<string, unknown[]>;
    /** The configured file store (local disk or S3): the tenant's prefix is copied from it. */
    storage: MediaStorage;
  },
): Promise<ArchiveManifest> {
  const stage = mkdtempSync(join(tmpdir(), 'replika-export-'));
  try {
    // Copied into the stage, whichever driver holds them.
    const files = await exportTenantFiles(parts.storage, parts.manifest.tenant, join(stage, 'files'));
    const manifest: ArchiveManifest = { ...parts.manifest, files };
    writeFileSync(join(stage, 'manifest.json'), JSON.stringify(manifest, null, 2));
    mkdirSync(join(stage, 'config'));
    if (parts.folderDir && existsSync(parts.folderDir)) cpSync(parts.folderDir, join(stage, 'config', 'folder'), { recursive: true });
    writeFileSync(join(stage, 'config', 'effective.json'), JSON.stringify(parts.effectiveConfig, null, 2));
    mkdirSync(join(stage, 'rows'));
    for (const [table, rows] of parts.rows)
      writeFileSync(join(stage, 'rows', `${table}.ndjson`), rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
    await tar.c({ gzip: true, file: out, cwd: stage, portable: true }, readdirSync(stage));
    return manifest;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Extracts and reads an archive written by `writeTenantArchive`; refuses anything else. */
export async function readTenantArchive(file: string): Promise<TenantArchiveContents> {
  const dir = mkdtempSync(join(tmpdir(), 'replika-import-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    // node-tar refuses entries outside `cwd` (absolute paths, `..`) and links out of it; strict turns its warnings into errors.
    await tar.x({ file, cwd: dir, strict: true, preservePaths: false });
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`${file}: not a tenant export (no manifest.json)`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ArchiveManifest;
    if (manifest.format !== ARCHIVE_FORMAT) throw new Error(`${file}: not a tenant export (format ${String(manifest.format)})`);
    if (manifest.version !== ARCHIVE_VERSION)
      throw new Error(`${file}: export version ${manifest.version}, this platform reads ${ARCHIVE_VERSION}`);
    if (typeof manifest.tenant !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(manifest.tenant))
      throw new Error(`${file}: invalid tenant name in the manifest`);
    const rows = new Map<string, unknown[]>();
    const rowsDir = join(dir, 'rows');
    for (const name of existsSync(rowsDir) ? readdirSync(rowsDir) : []) {
      const table = name.replace(/\.ndjson$/, '');
      const text = readFileSync(join(rowsDir, name), 'utf8');
      rows.set(
        table,
        text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as unknown),
      );
    }
    const folder = new Map<string, Buffer>();
    const folderDir = join(dir, 'config', 'folder');
    if (existsSync(folderDir)) {
      for (const path of readdirSync(folderDir, { recursive: true, encoding: 'utf8' })) {
        const full = join(folderDir, path);
        try {
          folder.set(path, readFileSync(full));
        } catch {
          // a directory
        }
      }
    }
    const effectivePath = join(dir, 'config', 'effective.json');
    const effectiveConfig = existsSync(effectivePath) ? (JSON.parse(readFileSync(effectivePath, 'utf8')) as unknown) : null;
    return { manifest, folder, effectiveConfig, rows, filesDir: join(dir, 'files'), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
