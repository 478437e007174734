// Runs one client task in its own process, so that its peak memory is the client's alone:
//   node client-task.mjs <bundle> upload <url> <folder>   uploads an Acoustic folder (zipped as it streams)
//   node client-task.mjs <bundle> list <url>              lists every dataset, page by page
// Prints one JSON line of timings. The key comes from CUSTOM_SPEECH_KEY.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [bundle, task, url, folder] = process.argv.slice(2);
const { SpeechClient, uploadDataset } = createRequire(import.meta.url)(bundle);
const client = new SpeechClient({ apiRoot: `${url}/speechtotext`, key: process.env.CUSTOM_SPEECH_KEY });
const started = performance.now();
if (task === 'upload') {
  let uploadStarted = 0;
  let uploaded = 0;
  let bytes = 0;
  await uploadDataset(client, {
    source: folder,
    kind: 'Acoustic',
    locale: 'en-US',
    displayName: 'bench acoustic 1 GB',
    ignoreLintErrors: true,
    waitForImport: false,
    onProgress: (event) => {
      if (event.stage === 'created') uploadStarted = performance.now();
      if (event.stage === 'upload') {
        uploaded = performance.now();
        bytes = event.totalBytes;
      }
    },
  });
  const committed = performance.now();
  console.log(JSON.stringify({ bytes, uploadSeconds: (uploaded - uploadStarted) / 1000, totalSeconds: (committed - started) / 1000 }));
} else {
  let count = 0;
  for await (const _ of client.datasets.list()) count++;
  console.log(JSON.stringify({ count, seconds: (performance.now() - started) / 1000 }));
}
await client.close();
