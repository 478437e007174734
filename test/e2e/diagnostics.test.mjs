// Diagnostics as a transcript author sees them: squiggles in the editor, rows in the Problems panel.
import * as assert from 'node:assert/strict';
import { test } from './harness.mjs';

test('opening a transcript with mistakes shows error squiggles and the problems (with rule codes) in the Problems panel', async ({ workbench }) => {
  await workbench.quickOpen('trans.txt');
  await workbench.waitForLanguage('Speech Transcript');
  await workbench.waitForSquiggles('error');
  await workbench.waitForSquiggles('warning');

  await workbench.openProblems();
  await workbench.waitForProblem(['transcript/missing-tab', 'No tab between the audio file name "no-tab.wav" and the transcript', '[Ln 3, Col 11]']);
  await workbench.waitForProblem(['transcript/non-ascii', 'Non-ASCII character', '[Ln 2, Col 13]']);
  // The correct line (its audio file exists) has no problem.
  const rows = await workbench.problemTexts();
  assert.ok(!rows.some((row) => row.includes('[Ln 1,')), `the correct line 1 got a problem: ${JSON.stringify(rows, null, 2)}`);
});
