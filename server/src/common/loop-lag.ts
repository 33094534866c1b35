import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** How often the lag is read (and the decision to shed renewed). Short, so shedding follows a rush within 0.1 s. */
export const LAG_WINDOW_MS = 100;
/** The sampler's tick: the histogram records each tick's full interval, so an idle loop reads this much. */
const RESOLUTION_MS = 10;
/** One shed summary a second at most, so a long rush does not flood the log. */
const REPORT_EVERY_WINDOWS = 10;

/**
 * This instance's event-loop delay, measured by node's own sampler (`monitorEventLoopDelay`, a libuv timer every
 * 10 ms, no JavaScript per sample) and read every LAG_WINDOW_MS. When the window's mean delay (beyond the tick) is above
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
  /** Purchases shed since the last report, for lag and for the in-flight bound (counted by the lane). */
  shed = 0;
  shedInFlight = 0;
  private readonly boundMs: number;
  private histogram?: IntervalHistogram;
  private timer?: NodeJS.Timeout;
  private windows = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.boundMs = config.flashSale.shedLagMs;
  }

  onModuleInit(): void {
    // The in-flight bound's sheds are reported even with lag shedding off.
    this.timer = setInterval(() => this.readWindow(), LAG_WINDOW_MS);
    this.timer.unref();
    if (this.boundMs === 0) return;
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
  }

  onModuleDestroy(): void {
    this.stop();
    this.report();
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
    if (++this.windows % REPORT_EVERY_WINDOWS === 0) this.report();
    if (!h) return;
    // The histogram records the interval between 10 ms ticks, in ns (an idle loop reads ~10 ms); a window without a
    // tick means the one tick due is still late, so the window's own length is the lag so far.
    this.observe(h.count > 0 ? Math.max(0, h.mean / 1e6 - RESOLUTION_MS) : LAG_WINDOW_MS);
    h.reset();
  }

  private report(): void {
    if (this.shed === 0 && this.shedInFlight === 0) return;
    this.logger.warn({ shed: this.shed, shedInFlight: this.shedInFlight, lagMs: Math.round(this.lastLagMs), boundMs: this.boundMs }, 'flash purchases shed');
    this.shed = 0;
    this.shedInFlight = 0;
  }
}
