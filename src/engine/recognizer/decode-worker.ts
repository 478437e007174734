import { parentPort, workerData } from 'node:worker_threads';
import type { DecodeReply, DecodeRequest, DecodeWorkerData } from './decode-protocol';
import { readPcmWav } from './pcm-wav';
import { Recognizer } from './recognizer';

/**
 * A worker thread of DecodePool: loads one Recognizer, then decodes the WAV files it is sent, one at
 * a time. Built as its own file (tsc: beside decode-pool.js; esbuild: dist/decode-worker.js).
 * A model that fails to load throws here, which the pool sees as the worker's 'error' event.
 */

const port = parentPort;
if (!port) throw new Error('decode-worker.js runs as a worker thread started by DecodePool.');
const recognizer = new Recognizer((workerData as DecodeWorkerData).model);

port.on('message', (request: DecodeRequest) => {
  if (request.kind === 'close') {
    // Freed explicitly: ending the thread would not release the decoder's native memory.
    recognizer.free();
    port.close();
    return;
  }
  let reply: DecodeReply;
  try {
    reply = { kind: 'decoded', hypothesis: recognizer.decode(readPcmWav(request.file)) };
  } catch (error) {
    reply = { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
