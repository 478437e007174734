import * as assert from 'node:assert/strict';
import { SpeechClient } from '../../../src/core/api/client';
import { apiRootOf } from '../../../src/core/api/service-target';
import { checkConnection } from '../../../src/core/connections/check-connection';
import { azureTargetOf, defaultLabelOf, parseAzureLocation, uniqueLabel } from '../../../src/core/connections/connection';
import { KEY, TestEngine } from '../engine/engine-client';

describe('connections', () => {
  it('reads a region or an https endpoint, and refuses the rest with a reason', () => {
    assert.deepEqual(parseAzureLocation(' WestEurope '), { region: 'westeurope' });
    assert.deepEqual(parseAzureLocation('https://my-speech.cognitiveservices.azure.com/'), { endpoint: 'https://my-speech.cognitiveservices.azure.com' });
    assert.throws(() => parseAzureLocation('http://my-speech.cognitiveservices.azure.com'), /must use https/);
    assert.throws(() => parseAzureLocation('west europe'), /not an Azure region/);
    assert.throws(() => parseAzureLocation('https://x.example/?key=1'), /query/);
  });

  it('names connections after their region or host, distinctly', () => {
    assert.equal(defaultLabelOf({ region: 'eastus2' }), 'eastus2');
    assert.equal(defaultLabelOf({ endpoint: 'https://my-speech.cognitiveservices.azure.com' }), 'my-speech.cognitiveservices.azure.com');
    assert.equal(uniqueLabel('eastus2', ['Local engine']), 'eastus2');
    assert.equal(uniqueLabel('eastus2', ['eastus2', 'eastus2 (2)']), 'eastus2 (3)');
  });

  it('points an Azure connection at its region or endpoint', () => {
    assert.equal(apiRootOf(azureTargetOf({ kind: 'azure', id: 'a', label: 'x', region: 'westeurope' })), 'https://westeurope.api.cognitive.microsoft.com/speechtotext');
    assert.equal(apiRootOf(azureTargetOf({ kind: 'azure', id: 'a', label: 'x', endpoint: 'https://r.cognitiveservices.azure.com' })), 'https://r.cognitiveservices.azure.com/speechtotext');
  });
});

describe('checking a connection', function () {
  this.timeout(30_000);
  let engine: TestEngine;
  before(async () => {
    engine = await TestEngine.start();
  });
  after(() => engine.stop());

  const clientWith = (key: string, url = engine.url) => new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url }), key }, { retry: { maxAttempts: 2, baseDelayMs: 10 } });

  it('passes with the right key', async () => {
    const client = clientWith(KEY);
    await checkConnection(client, 'the engine');
    await client.close();
  });

  it('says that a wrong key was refused, without the key', async () => {
    const wrong = 'wrong-key-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const client = clientWith(wrong);
    const error = await checkConnection(client, "'westeurope'").then(
      () => assert.fail('a wrong key must be refused'),
      (e: Error) => e,
    );
    assert.match(error.message, /'westeurope' refused the key \(401 Unauthorized\)/);
    assert.ok(!error.message.includes(wrong) && !String(error.stack).includes(wrong));
    await client.close();
  });

  it('says when nothing answers', async () => {
    const client = clientWith(KEY, 'http://127.0.0.1:9');
    await assert.rejects(checkConnection(client, "'nowhere'"), /Could not reach 'nowhere': the connection was refused/);
    await client.close();
  });
});
