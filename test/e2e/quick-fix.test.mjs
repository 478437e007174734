// A quick fix chosen from the editor's code action menu (Ctrl+.) changes the text.
import * as assert from 'node:assert/strict';
import { test } from './harness.mjs';

test('Ctrl+. on a smart quote offers "Replace by "\'"" and applying it writes an ASCII apostrophe', async ({ workbench }) => {
  await workbench.quickOpen('trans.txt');
  await workbench.waitForSquiggles('warning');
  assert.ok((await workbench.editorLines()).includes('smart.wav it\u2019s Sam\u2019s bike'), 'line 2 of the fixture is not as expected');

  await workbench.goTo(2, 13); // just before the ’ of it’s
  const actions = await workbench.openCodeActions();
  assert.ok(
    actions.some((title) => title.includes('Replace by "\'"')),
    `the code action menu has no 'Replace by "'"': ${JSON.stringify(actions)}`,
  );
  await workbench.chooseCodeAction('Replace by "\'"');

  // Only this smart quote is fixed; the one of Sam’s stays.
  await workbench.waitForEditorLine('smart.wav it\'s Sam\u2019s bike');
});
