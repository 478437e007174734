// npm run bench [lint|scoring|engine|training|editor|client|views|report…]: the benchmarks, each next to a reference tool
// in the same run — lint next to wc and grep, scoring next to NIST sclite, the engine's block upload
// next to cp, its evaluation next to pocketsphinx_continuous, its decoder settings next to PocketSphinx's defaults, the editor's re-check time of a 10k-line transcript inside code-server, and the report webview's
// 10k-utterance table in Chromium next to a plain HTML table. Data is generated deterministically under bench/data/.
import { benchClient } from './client.mjs';
import { benchDecoder } from './decoder.mjs';
import { benchEditor } from './editor.mjs';
import { benchEngine } from './engine.mjs';
import { benchEngineTraining } from './engine-training.mjs';
import { benchLint } from './lint.mjs';
import { benchReport } from './report.mjs';
import { benchScoring } from './scoring.mjs';
import { benchViews } from './views.mjs';

const benchmarks = { lint: benchLint, scoring: benchScoring, engine: benchEngine, training: benchEngineTraining, decoder: benchDecoder, editor: benchEditor, client: benchClient, views: benchViews, report: benchReport };
const chosen = process.argv.slice(2);
for (const name of chosen) if (!(name in benchmarks)) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(benchmarks).join(', ')}`);
for (const [name, run] of Object.entries(benchmarks)) if (chosen.length === 0 || chosen.includes(name)) await run();
