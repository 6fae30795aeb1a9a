import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../shared/protocol/messageTypes';

/** Sync step 1 of an empty document: "send me everything". */
function emptyStepOne(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  return encoding.toUint8Array(encoder);
}

const STEP_ONE = emptyStepOne();

function isStepTwo(data: WebSocket.RawData): boolean {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  const decoder = decoding.createDecoder(bytes);
  return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
}

/**
 * The least a client can do on `/sync`: open a raw socket, ask for the document, wait for the
 * server's answer (sync step 2), close, and wait until the close is complete. Resolves with whether
 * the answer came; rejects on a socket error or after `timeoutMs`.
 */
export function syncOnce(url: string, timeoutMs = 10_000): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let answered = false;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no answer from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('open', () => socket.send(STEP_ONE));
    socket.on('message', (data) => {
      if (!answered && isStepTwo(data)) {
        answered = true;
        socket.close(1000);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answered);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Runs `count` tasks with at most `concurrency` in flight; resolves with their results in order. */
export async function inBatches<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
