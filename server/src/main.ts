import { startServer } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { app, url, flashUrl } = await startServer(config);
  // On SIGTERM (a deploy) or SIGINT: stop taking requests, let the workers and pools close, then exit; force after 10 s.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), 10_000).unref();
      void app.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
  process.stdout.write(`${JSON.stringify({ level: 30, msg: 'linli server listening', url, ...(flashUrl ? { flashUrl } : {}), database: config.database.type, docs: `${url}/api/docs` })}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`linli server failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
