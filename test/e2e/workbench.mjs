// What a user does in the VS Code workbench, as playwright steps with explicit waits.
// Selectors (checked against screenshots of code-server 4.139 / VS Code 1.139, web workbench):
//   quick input (Quick Open, command palette, quick picks)  .quick-input-widget input, rows .quick-input-list .monaco-list-row
//   explorer / tree rows                                     .monaco-list-row .label-name
//   active editor tab                                        .tabs-container .tab.active[data-resource-name="trans.txt"]
//                                                            (its .label-name holds "trans" only, ".txt" is a .label-suffix)
//   editor text                                              .part.editor .monaco-editor .view-line (spans carry the token colours)
//   squiggles                                                .squiggly-error / .squiggly-warning (view overlays)
//   Problems panel rows                                      .markers-panel .monaco-list-row (message + "source(code)" + [Ln, Col])
//   status bar                                               #status\.editor\.mode (language), #status\.editor\.selection (Ln, Col)
//   code action menu (Ctrl+.)                                .action-widget .monaco-list-row.action
import { normalizeSpace, until } from './harness.mjs';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} input`;
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const EDITOR = '.part.editor .editor-instance .monaco-editor';
const EDITOR_LINES = `${EDITOR} .view-lines .view-line`;
const PROBLEM_ROWS = '.markers-panel .monaco-list-row';
const LANGUAGE_STATUS = '#status\\.editor\\.mode';
const SELECTION_STATUS = '#status\\.editor\\.selection';
const CODE_ACTIONS = '.action-widget .monaco-list-row.action';

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
    /** Called with notable events inside a step (retries); the runner writes them to the steps log. */
    this.note = (message) => undefined;
  }

  /** Loads the workbench at `url` and waits until its explorer shows `folder`. */
  async open(url, folder) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    await this.waitForExplorer(folder);
  }

  /** Waits until the workbench shows the workspace folder's `folder` in the explorer. */
  async waitForExplorer(folder, timeout = 45_000) {
    await this.page
      .locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: folder })
      .first()
      .waitFor({ state: 'visible', timeout })
      .catch(() => {
        throw new Error(`the workbench did not show "${folder}" in the explorer within ${timeout / 1000} s`);
      });
  }

  /**
   * Presses `key` (F1, Control+P, Control+G …) and waits for the quick input box. Presses again once
   * if nothing opened: right after start-up the workbench may not have its keybindings yet.
   */
  async openQuickInput(key) {
    const box = this.page.locator(QUICK_INPUT_BOX);
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press(key);
      try {
        await box.waitFor({ state: 'visible', timeout: attempt === 1 ? 5000 : 10_000 });
        return box;
      } catch {
        if (attempt === 2) throw new Error(`${key} did not open the quick input (${QUICK_INPUT_BOX})`);
        this.note(`${key} did not open the quick input within 5 s: pressing it again`);
      }
    }
  }

  /** Quick Open (Ctrl+P): types the file name, waits until it is the selected row, Enter; waits for its editor. */
  async quickOpen(fileName) {
    await this.openQuickInput('Control+P');
    await this.page.keyboard.type(fileName);
    await this.waitForSelectedRow(fileName, 'Quick Open');
    await this.page.keyboard.press('Enter');
    await this.waitForActiveEditor(fileName);
  }

  /** Waits until the selected (focused) quick input row contains `text`. */
  async waitForSelectedRow(text, what, timeout = 15_000) {
    const row = this.page.locator(`${QUICK_INPUT_ROWS}.focused`);
    try {
      await until(async () => normalizeSpace(await row.textContent({ timeout: 1000 })).includes(text), { timeout });
    } catch {
      throw new Error(`${what} did not select "${text}" within ${timeout / 1000} s; rows: ${JSON.stringify(await this.quickInputTexts())}`);
    }
  }

  /** Waits until the active editor tab is `fileName` and its text is rendered. */
  async waitForActiveEditor(fileName, timeout = 15_000) {
    await this.page
      .locator(`.tabs-container .tab.active[data-resource-name="${fileName}"]`)
      .waitFor({ state: 'visible', timeout })
      .catch(() => {
        throw new Error(`no active editor tab "${fileName}" within ${timeout / 1000} s`);
      });
    await this.page.locator(EDITOR_LINES).first().waitFor({ state: 'visible', timeout });
  }

  /** Command palette (F1): types the command's label, checks it is the selected row, Enter. */
  async runCommand(label) {
    await this.openQuickInput('F1');
    await this.page.keyboard.type(label);
    await this.waitForSelectedRow(label, 'the command palette');
    await this.page.keyboard.press('Enter');
  }

  /** The texts of the rows the quick input shows now. */
  async quickInputTexts() {
    return (await this.page.locator(QUICK_INPUT_ROWS).allTextContents()).map(normalizeSpace);
  }

  /** Clicks the quick pick item labelled `label` (waits for it) and waits for the quick pick to close. */
  async pickQuickItem(label, timeout = 15_000) {
    const row = this.page.locator(QUICK_INPUT_ROWS).filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }),
    });
    await row
      .first()
      .waitFor({ state: 'visible', timeout })
      .catch(async () => {
        throw new Error(`the quick pick did not offer "${label}"; rows: ${JSON.stringify(await this.quickInputTexts())}`);
      });
    await row.first().click();
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
  }

  /** Ctrl+G, `line:column`, Enter; waits for the status bar to show the cursor there. */
  async goTo(line, column) {
    await this.openQuickInput('Control+G');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    const wanted = `Ln ${line}, Col ${column}`;
    await until(async () => normalizeSpace(await this.page.locator(SELECTION_STATUS).textContent({ timeout: 1000 })) === wanted, {
      timeout: 10_000,
      message: `the cursor did not move to ${wanted} (status bar: ${SELECTION_STATUS})`,
    });
    // Keys pressed next go to the editor only once Go to Line has closed and given focus back.
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }

  /** Text of the status bar's language indicator ("Plain Text", "Speech Transcript" …). */
  async languageStatus() {
    return normalizeSpace(await this.page.locator(LANGUAGE_STATUS).textContent({ timeout: 5000 }));
  }

  async waitForLanguage(name, timeout = 15_000) {
    let seen = '';
    await until(
      async () => {
        seen = await this.languageStatus();
        return seen === name;
      },
      { timeout, message: () => `the status bar language indicator did not show "${name}" (it shows "${seen}")` },
    );
  }

  /**
   * The rendered lines of the active editor, top to bottom, white space collapsed: [{ top, text }].
   * (Monaco recycles line elements, so DOM order is not line order.)
   */
  async editorLines() {
    const lines = await this.page.locator(EDITOR_LINES).evaluateAll((elements) =>
      elements.map((element) => ({ top: parseFloat(element.style.top) || 0, text: element.textContent ?? '' })),
    );
    return lines.sort((a, b) => a.top - b.top).map(({ text }) => normalizeSpace(text));
  }

  /** Waits until the active editor shows a line whose text (white space collapsed) is `text`. */
  async waitForEditorLine(text, timeout = 10_000) {
    const wanted = normalizeSpace(text);
    let lines = [];
    await until(
      async () => {
        lines = await this.editorLines();
        return lines.includes(wanted);
      },
      { timeout, message: () => `the editor does not show the line ${JSON.stringify(wanted)}; it shows ${JSON.stringify(lines, null, 2)}` },
    );
  }

  /** The editor line element containing `text`. */
  editorLine(prefix) {
    return this.page.locator(EDITOR_LINES).filter({ hasText: prefix }).first();
  }

  /** Waits for at least one squiggle of `kind` (error, warning, info) in the active editor; returns their count. */
  async waitForSquiggles(kind = 'error', timeout = 20_000) {
    const squiggles = this.page.locator(`${EDITOR} .squiggly-${kind}`);
    await squiggles
      .first()
      .waitFor({ state: 'attached', timeout })
      .catch(() => {
        throw new Error(`no ${kind} squiggle (.squiggly-${kind}) in the editor within ${timeout / 1000} s`);
      });
    return squiggles.count();
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and waits for it. */
  async openProblems() {
    await this.page.keyboard.press('Control+Shift+M');
    await this.page
      .locator('.markers-panel')
      .waitFor({ state: 'visible', timeout: 10_000 })
      .catch(() => {
        throw new Error('Ctrl+Shift+M did not show the Problems panel (.markers-panel)');
      });
  }

  /** Texts of the Problems panel rows (file rows and problem rows) now shown, white space collapsed. */
  async problemTexts() {
    // The parts of a row (message, source, code, position) are separate elements: join their texts
    // with spaces, so failure messages read like the panel ("… custom-speech transcript/missing-tab [Ln 3, Col 11]").
    const rows = await this.page.locator(PROBLEM_ROWS).evaluateAll((elements) =>
      elements.map((element) => {
        const texts = [];
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent);
        return texts.join(' ');
      }),
    );
    return rows.map(normalizeSpace);
  }

  /** Waits for a Problems panel row containing every string of `parts`; returns its text. */
  async waitForProblem(parts, timeout = 20_000) {
    let rows = [];
    return until(
      async () => {
        rows = await this.problemTexts();
        return rows.find((row) => parts.every((part) => row.includes(part)));
      },
      { timeout, message: () => `the Problems panel shows no problem with ${JSON.stringify(parts)}; rows: ${JSON.stringify(rows, null, 2)}` },
    );
  }

  /**
   * Ctrl+. on the cursor: waits for the code action menu; returns its rows' texts. The key is pressed
   * again when no menu came: a press that lands while the editor is still taking focus back (after
   * Go to Line) or while the code actions are still being computed on a busy machine is lost.
   */
  async openCodeActions(timeout = 20_000, attempts = 4) {
    const menu = this.page.locator(CODE_ACTIONS).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ state: 'visible', timeout: timeout / attempts });
        break;
      } catch {
        if (attempt === attempts) throw new Error(`Ctrl+. did not show the code action menu (${CODE_ACTIONS}) in ${attempts} tries over ${timeout / 1000} s`);
        await this.page.keyboard.press('Escape');
      }
    }
    return (await this.page.locator(CODE_ACTIONS).allTextContents()).map(normalizeSpace);
  }

  /** Clicks the code action whose title contains `title`; waits for the menu to close. */
  async chooseCodeAction(title) {
    const action = this.page.locator(CODE_ACTIONS).filter({ hasText: title }).first();
    await action.waitFor({ state: 'visible', timeout: 5000 }).catch(async () => {
      throw new Error(`the code action menu has no "${title}"; it has ${JSON.stringify((await this.page.locator(CODE_ACTIONS).allTextContents()).map(normalizeSpace))}`);
    });
    await action.click();
    await this.page.locator(CODE_ACTIONS).first().waitFor({ state: 'hidden', timeout: 5000 });
  }
}
