import { Inject, Injectable } from '@nestjs/common';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Where uploaded media lives. Keys are relative paths such as `reviews/202611/ab12.jpg`.
 * The local implementation writes under DATA_DIR/media (served at /media/); an S3-compatible store
 * can implement the same three methods and return its own URLs.
 */
export abstract class MediaStorage {
  abstract put(key: string, body: Buffer, contentType: string): Promise<void>;
  abstract remove(key: string): Promise<void>;
  /** The address a client loads the object from (a path on this server, or an absolute URL). */
  abstract url(key: string): string;
}

const KEY = /^[a-z0-9][a-z0-9/_-]*\.[a-z0-9]+$/;

@Injectable()
export class LocalMediaStorage extends MediaStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = resolve(config.dataDir, 'media');
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  url(key: string): string {
    return `/media/${key}`;
  }

  private file(key: string): string {
    const file = resolve(join(this.root, key));
    if (!KEY.test(key) || key.includes('..') || !file.startsWith(this.root + sep)) throw new Error(`bad media key: ${key}`);
    return file;
  }
}
