import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Where this server can be reached: PUBLIC_BASE_URL, or its own listening address once known (development). */
@Injectable()
export class SelfUrl {
  private listening: string | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  setListening(origin: string): void {
    this.listening = origin;
  }

  /** The address this process listens on (for the built-in simulators); a CLI without a listener uses the configured PORT. */
  get local(): string {
    if (this.listening) return this.listening;
    if (this.config.port) return `http://127.0.0.1:${this.config.port}`;
    throw new Error('the server is not listening yet');
  }

  /** The address WeChat calls back (notify URLs). */
  get public(): string {
    return this.config.publicBaseUrl ?? this.local;
  }
}
