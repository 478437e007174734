import * as assert from 'node:assert/strict';
import { engineBanner, urlFromEngineBanner } from '../../../src/core/connections/engine-banner';
import { LineTail } from '../../../src/core/connections/line-tail';
import { redact } from '../../../src/core/connections/redact';

describe('engine output', () => {
  it('reads the URL back from the banner the engine prints, and from nothing else', () => {
    assert.equal(urlFromEngineBanner(engineBanner('http://127.0.0.1:5123', '/data/engine')), 'http://127.0.0.1:5123');
    assert.equal(urlFromEngineBanner('Key: from CUSTOM_SPEECH_KEY'), undefined);
    assert.equal(urlFromEngineBanner('custom-speech engine: GET /x: listening on https://evil.example'), undefined);
  });

  it('splits chunks into lines wherever they break, and keeps the last ones', () => {
    const tail = new LineTail(2);
    assert.deepEqual(tail.push('one\ntw'), ['one']);
    assert.deepEqual(tail.push('o\r\nthree\nfo'), ['two', 'three']);
    assert.deepEqual(tail.tail(), ['two', 'three']);
    assert.deepEqual(tail.flush(), ['fo']);
    assert.deepEqual(tail.flush(), []);
    assert.deepEqual(tail.tail(), ['three', 'fo']);
    tail.clear();
    assert.deepEqual(tail.tail(), []);
  });

  it('redacts keys wherever they appear, but not short strings', () => {
    const key = 'Zx81_secret_key_0123456789abcdef';
    assert.equal(redact(`header ${key} and again:${key}.`, [key, undefined]), 'header *** and again:***.');
    assert.equal(redact('a b c', ['a']), 'a b c');
  });
});
