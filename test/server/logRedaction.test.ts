import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { redactKeys } from '../../server/app';
import { startServer, type TestServer } from '../helpers/server';

describe('redactKeys', () => {
  it.each([
    ['/sync/abc?key=SECRETSECRETSECRETSECRET', '/sync/abc?key=[redacted]'],
    ['/sync/abc?x=1&key=SECRET&y=2', '/sync/abc?x=1&key=[redacted]&y=2'],
    ['/api/join/ABCD-EFGH', '/api/join/[redacted]'],
    ['/api/join/ABCDEFGH?x=1', '/api/join/[redacted]?x=1'],
    ['/j/abcdefgh', '/j/[redacted]'],
    ['/api/boards/abc/snapshots', '/api/boards/abc/snapshots'],
    ['/b/abc', '/b/abc'],
    // Percent-encoded names, which the query parser decodes to `key`.
    ['/sync/abc?%6Bey=SECRET', '/sync/abc?%6Bey=[redacted]'],
    ['/sync/abc?k%65y=SECRET', '/sync/abc?k%65y=[redacted]'],
    ['/sync/abc?ke%79=SECRET', '/sync/abc?ke%79=[redacted]'],
    ['/sync/abc?%6b%65%79=SECRET', '/sync/abc?%6b%65%79=[redacted]'],
    ['/sync/abc?%6B%45%59=SECRET', '/sync/abc?%6B%45%59=[redacted]'],
    ['/sync/abc?%256Bey=SECRET', '/sync/abc?%256Bey=[redacted]'],
    // Any case.
    ['/sync/abc?KEY=SECRET', '/sync/abc?KEY=[redacted]'],
    ['/sync/abc?Key=SECRET&x=1', '/sync/abc?Key=[redacted]&x=1'],
    // Spaces around the name.
    ['/sync/abc?+key+=SECRET', '/sync/abc?+key+=[redacted]'],
    ['/sync/abc?%20key=SECRET', '/sync/abc?%20key=[redacted]'],
    // The voter secret, in the same encodings.
    ['/sync/abc?key=K&voter=VSECRET', '/sync/abc?key=[redacted]&voter=[redacted]'],
    ['/sync/abc?VOTER=VSECRET', '/sync/abc?VOTER=[redacted]'],
    ['/sync/abc?v%6Fter=VSECRET', '/sync/abc?v%6Fter=[redacted]'],
    ['/sync/abc?%76%6F%74%65%72=VSECRET', '/sync/abc?%76%6F%74%65%72=[redacted]'],
    // Repeated, and with nothing after it.
    ['/sync/abc?key=A&key=B', '/sync/abc?key=[redacted]&key=[redacted]'],
    ['/sync/abc?key=', '/sync/abc?key=[redacted]'],
    // Look-alikes that are not the parameter stay as they are.
    ['/sync/abc?monkey=1&keys=2&voters=3', '/sync/abc?monkey=1&keys=2&voters=3'],
    // Malformed escapes do not throw.
    ['/sync/abc?%E0%A4%A=1&key=S', '/sync/abc?%E0%A4%A=1&key=[redacted]'],
    // Join codes behind an encoded path.
    ['/%6A/abcdefgh', '/%6A/[redacted]'],
    ['/api/%6Aoin/ABCDEFGH', '/api/%6Aoin/[redacted]'],
    // A fragment never reaches a server, but is not logged if it does.
    ['/b/abc#k=SECRET', '/b/abc#[redacted]'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactKeys(url)).toBe(logged);
  });
});

describe('server logs', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('never hold a key, voter secret or join code, whichever route or answer', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startServer({ logger: { level: 'trace', stream } });
    const board = await server.createBoard();
    const secrets = [board.keys.lead, board.keys.edit, board.keys.view, 'VOTERSECRETVOTERSECRET', 'JOINCODE'];
    const base = server.httpUrl;
    await fetch(`${base}/api/boards/${board.id}?%6Bey=${board.keys.lead}`);
    await fetch(`${base}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.keys.edit}` } });
    await fetch(`${base}/no/such/route?key=${board.keys.view}`);
    await fetch(`${base}/sync/?KEY=${board.keys.view}`);
    await fetch(`${base}/api/join/JOINCODE`);
    await new Promise<void>((resolve) => {
      const socket = new WebSocket(`${server!.wsUrl}/sync/${board.id}?k%65y=${board.keys.edit}&voter=VOTERSECRETVOTERSECRET`);
      socket.on('open', () => socket.close());
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const socket = new WebSocket(`${server!.wsUrl}/sync/${board.id}?key=${board.keys.lead}`, { origin: 'https://evil.example' });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    const log = lines.join('');
    expect(log).toContain('[redacted]');
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
