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
  const { url } = await startServer(config);
  process.stdout.write(`${JSON.stringify({ level: 30, msg: 'linli server listening', url, database: config.database.type, docs: `${url}/api/docs` })}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`linli server failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
