// The transcript grammar (TextMate) loads: the audio-name column is coloured unlike the text column.
import { test, until } from './harness.mjs';

test('the transcript grammar colours the audio file name unlike the transcript text', async ({ workbench, page }) => {
  await workbench.quickOpen('trans.txt');
  await workbench.waitForLanguage('Speech Transcript');

  const line = workbench.editorLine('good.wav');
  // Tokenizing is asynchronous: until the grammar is applied, the whole line has one colour.
  let seen;
  await until(
    async () => {
      seen = await line.evaluate((element) => {
        const spans = [...element.querySelectorAll(':scope > span > span')];
        const colourOf = (text) => {
          const span = spans.find((s) => s.textContent.replace(/\u00a0/g, ' ').includes(text));
          return span ? { className: span.className, color: getComputedStyle(span).color } : undefined;
        };
        return { audio: colourOf('good.wav'), text: colourOf('book a service'), html: element.innerHTML };
      });
      return seen.audio && seen.text && seen.audio.color !== seen.text.color;
    },
    {
      timeout: 15_000,
      message: () =>
        `the audio name and the text of line 1 have the same colour — is the grammar loaded?\n  audio: ${JSON.stringify(seen?.audio)}\n  text: ${JSON.stringify(seen?.text)}\n  line: ${seen?.html}`,
    },
  );
});
