import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** How often the lag is read (and the decision to shed renewed). Short, so shedding follows a rush within 0.1 s. */
export const LAG_WINDOW_MS = 100;
/** One shed summary a second at most, so a long rush does not flood the log. */
const REPORT_EVERY_WINDOWS = 10;

/**
 * This instance's event-loop delay, measured by node's own sampler (`monitorEventLoopDelay`, a libuv timer every
 * 10 ms, no JavaScript per sample) and read every LAG_WINDOW_MS. When the window's mean delay is above
 * `FLASH_SHED_LAG_MS`, `overloaded` is set and the flash lane sheds purchases before any work, so the loop that also
 * serves browsing gets its time back. Purely local and advisory: it decides who is served now, never stock or money.
 */
@Injectable()
export class LoopLag implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LoopLag');
  /** True while the last window's mean delay was above the bound. */
  overloaded = false;
  /** The last window's mean delay in ms. */
  lastLagMs = 0;
  /** Purchases shed for lag since the last report (counted by the lane). */
  shed = 0;
  private readonly boundMs: number;
  private histogram?: IntervalHistogram;
  private timer?: NodeJS.Timeout;
  private windows = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.boundMs = config.flashSale.shedLagMs;
  }

  onModuleInit(): void {
    if (this.boundMs === 0) return;
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => this.readWindow(), LAG_WINDOW_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  /** Stops sampling (the last decision stays); tests then feed readings through `observe`. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.histogram?.disable();
    this.timer = undefined;
    this.histogram = undefined;
  }

  /** Takes one reading of the lag (ms) and decides whether to shed until the next one. */
  observe(lagMs: number): void {
    this.lastLagMs = lagMs;
    this.overloaded = this.boundMs > 0 && lagMs > this.boundMs;
  }

  private readWindow(): void {
    const h = this.histogram;
    if (!h) return;
    // The histogram records how late each 10 ms tick fired, in ns; no tick in the window means no reading yet.
    this.observe(h.count > 0 ? h.mean / 1e6 : 0);
    h.reset();
    if (++this.windows % REPORT_EVERY_WINDOWS === 0 && this.shed > 0) {
      this.logger.warn({ shed: this.shed, lagMs: Math.round(this.lastLagMs), boundMs: this.boundMs }, 'flash purchases shed for event-loop lag');
      this.shed = 0;
    }
  }
}
