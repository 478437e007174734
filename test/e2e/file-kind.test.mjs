// "Custom Speech: Set Dataset File Kind…" from the command palette turns any file into a dataset file.
import { test } from './harness.mjs';

test('Set Dataset File Kind… from the command palette makes notes.txt a transcript, with its problems', async ({ workbench }) => {
  await workbench.quickOpen('notes.txt');
  await workbench.waitForLanguage('Plain Text');

  await workbench.runCommand('Custom Speech: Set Dataset File Kind…');
  await workbench.pickQuickItem('Transcript');

  await workbench.waitForLanguage('Speech Transcript');
  await workbench.waitForSquiggles('error');
  await workbench.openProblems();
  // Its lines have no <file>.wav<TAB> column.
  await workbench.waitForProblem(['transcript/missing-tab', 'No tab on this line', '[Ln 1, Col 1]']);
});
