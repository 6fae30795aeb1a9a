import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './app';

/**
 * Reads the environment (PORT, HOST, DATA_DIR, LOG_LEVEL), starts the server and stores every open
 * board on SIGINT/SIGTERM.
 */
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
const dataDir = process.env.DATA_DIR ?? './data';
const clientDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../dist/client');

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${process.env.PORT}`);
  process.exit(1);
}

const app = await buildServer({
  dataDir,
  clientDir: process.env.DISCERN_NO_CLIENT === '1' ? null : clientDir,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: storing open boards and stopping`);
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port, host });
const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
// Tests and people both read this line: keep its shape.
console.log(`Discern is running at http://${shownHost}:${actualPort}/`);
