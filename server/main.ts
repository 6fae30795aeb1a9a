import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './app';
import { configFromEnv } from './config';

/**
 * Reads the environment (PORT, HOST, LOG_LEVEL, DISCERN_NO_CLIENT, and everything `configFromEnv`
 * reads: DATA_DIR, the limits, CREATE_TOKEN, TRUST_PROXY, ALLOWED_ORIGINS, SQLITE_SYNCHRONOUS),
 * starts the server and stores every open board on SIGINT/SIGTERM. A bad value stops it at once
 * with a message naming the variable, rather than running with a limit nobody asked for.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The folder holding package.json: this file runs from server/ under tsx and from dist/server/ when compiled. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const clientDir = join(repoRoot(), 'dist/client');

function fail(message: string): never {
  console.error(`Discern cannot start: ${message}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
const logLevel = process.env.LOG_LEVEL ?? 'info';
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got ${process.env.PORT}`);
if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) fail(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${logLevel}`);

let config: ReturnType<typeof configFromEnv>;
try {
  config = configFromEnv(process.env);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const app = await buildServer({
  ...config,
  clientDir: process.env.DISCERN_NO_CLIENT === '1' ? null : clientDir,
  logger: { level: logLevel },
}).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

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
