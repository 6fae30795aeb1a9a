import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './waitFor';

const NGINX = '/usr/sbin/nginx';
/** The configuration docs/deploy.md tells operators to use, tested as written but for its addresses. */
const SITE_CONFIG = fileURLToPath(new URL('../../deploy/nginx-discern.conf', import.meta.url));

export interface RunningNginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's nginx in the foreground with deploy/nginx-discern.conf, its upstream pointed at
 * `upstreamPorts` and listening on `port` on loopback; everything it writes stays in a temp folder.
 */
export async function startNginx(port: number, upstreamPorts: readonly number[]): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed at ${NGINX}: run "apt-get install -y nginx" (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'discern-nginx-'));
  // Workers run as an unprivileged user when the master is root; they need to write their temp files here.
  chmodSync(dir, 0o777);
  const servers = upstreamPorts.map((upstream) => `    server 127.0.0.1:${upstream} max_fails=1 fail_timeout=5s;`).join('\n');
  const site = readFileSync(SITE_CONFIG, 'utf8')
    .replace(/(upstream discern \{\n)(?:\s*#.*\n)*(?:\s*server 127\.0\.0\.1:\d+[^\n]*\n)+/, `$1${servers}\n`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  writeFileSync(join(dir, 'discern.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`).join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents {}\nhttp {\n  access_log off;\n${temp}\n  include ${dir}/discern.conf;\n}\n`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${errors}`);
      await fetch(`${url}/nginx-probe`);
    }, { timeout: 10_000, interval: 50 });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
