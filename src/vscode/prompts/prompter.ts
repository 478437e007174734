import * as vscode from 'vscode';

/**
 * The answer of a step that went back to the previous one. A registered symbol: the tests' copy of
 * this module (out/) and the extension's bundle (dist/) must agree on it.
 */
export const BACK: unique symbol = Symbol.for('customSpeech.prompter.back') as never;
export type Answer<T> = T | typeof BACK | undefined;

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface StepPosition {
  /** 1-based. */
  step: number;
  totalSteps: number;
}

export interface PickStep<T> extends StepPosition {
  title: string;
  placeholder?: string;
  items: PickItem<T>[];
  /** Pre-selected values (pickMany) or the active one (pick). */
  selected?: T[];
}

export interface InputStep extends StepPosition {
  title: string;
  prompt: string;
  value?: string;
  placeholder?: string;
  /** A message when the value is not acceptable. */
  validate?: (value: string) => string | undefined;
}

/**
 * How commands ask: QuickPicks and InputBoxes with steps and a Back button. Commands take it as a
 * parameter, so integration tests can answer with a scripted prompter and see what was offered.
 */
export interface Prompter {
  pick<T>(step: PickStep<T>): Promise<Answer<T>>;
  pickMany<T>(step: PickStep<T>): Promise<Answer<T[]>>;
  input(step: InputStep): Promise<Answer<string>>;
}

/**
 * Runs steps in order: BACK runs the step before again, undefined cancels, and 'skip' (a step that
 * does not apply) moves on in the direction the user was going.
 */
export async function runSteps<S>(state: S, steps: ((state: S) => Promise<'next' | 'skip' | typeof BACK | undefined>)[]): Promise<S | undefined> {
  let at = 0;
  let direction = 1;
  while (at < steps.length) {
    const outcome = await steps[at]!(state);
    if (outcome === undefined) return undefined;
    if (outcome !== 'skip') direction = outcome === BACK ? -1 : 1;
    at = Math.max(0, at + direction);
  }
  return state;
}

/** The prompter of the editor: one QuickPick or InputBox per step, with Back from the second on. */
export class WindowPrompter implements Prompter {
  pick<T>(step: PickStep<T>): Promise<Answer<T>> {
    return this.showPick(step, false).then((answer) => (answer === BACK || answer === undefined ? answer : answer[0]));
  }

  pickMany<T>(step: PickStep<T>): Promise<Answer<T[]>> {
    return this.showPick(step, true);
  }

  input(step: InputStep): Promise<Answer<string>> {
    return new Promise((resolve) => {
      const box = vscode.window.createInputBox();
      box.title = step.title;
      box.prompt = step.prompt;
      box.placeholder = step.placeholder;
      box.value = step.value ?? '';
      box.step = step.step;
      box.totalSteps = step.totalSteps;
      box.ignoreFocusOut = true;
      if (step.step > 1) box.buttons = [vscode.QuickInputButtons.Back];
      let done = false;
      const finish = (answer: Answer<string>) => {
        if (done) return;
        done = true;
        resolve(answer);
        box.dispose();
      };
      box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK));
      box.onDidChangeValue((value) => (box.validationMessage = step.validate?.(value)));
      box.onDidAccept(() => {
        const message = step.validate?.(box.value);
        if (message) box.validationMessage = message;
        else finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  private showPick<T>(step: PickStep<T>, many: boolean): Promise<Answer<T[]>> {
    return new Promise((resolve) => {
      const pick = vscode.window.createQuickPick<PickItem<T>>();
      pick.title = step.title;
      pick.placeholder = step.placeholder;
      pick.step = step.step;
      pick.totalSteps = step.totalSteps;
      pick.canSelectMany = many;
      pick.ignoreFocusOut = true;
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.items = step.items;
      const selected = step.items.filter((item) => step.selected?.includes(item.value));
      if (many) pick.selectedItems = selected;
      else if (selected[0]) pick.activeItems = [selected[0]];
      if (step.step > 1) pick.buttons = [vscode.QuickInputButtons.Back];
      let done = false;
      const finish = (answer: Answer<T[]>) => {
        if (done) return;
        done = true;
        resolve(answer);
        pick.dispose();
      };
      pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK));
      pick.onDidAccept(() => {
        const chosen = many ? pick.selectedItems : pick.activeItems;
        if (chosen.length) finish(chosen.map((item) => item.value));
      });
      pick.onDidHide(() => finish(undefined));
      pick.show();
    });
  }
}

/** One scripted answer: a value matcher on the offered items (by label), text, BACK or cancel. */
export type ScriptedAnswer = { labels: string[] } | { text: string } | 'back' | 'cancel';

/** A prompter that answers from a script, and records every step it was shown (tests). */
export class ScriptedPrompter implements Prompter {
  readonly shown: { title: string; items?: string[]; value?: string }[] = [];

  constructor(private readonly answers: ScriptedAnswer[]) {}

  async pick<T>(step: PickStep<T>): Promise<Answer<T>> {
    const answer = await this.pickMany(step);
    return answer === BACK || answer === undefined ? answer : answer[0];
  }

  async pickMany<T>(step: PickStep<T>): Promise<Answer<T[]>> {
    this.shown.push({ title: step.title, items: step.items.map((item) => item.label) });
    const answer = this.next(step.title);
    if (answer === 'back') return BACK;
    if (answer === 'cancel') return undefined;
    if (!('labels' in answer)) throw new Error(`Step '${step.title}' is a pick, but the script answers text.`);
    const chosen = answer.labels.map((label) => {
      const item = step.items.find((candidate) => candidate.label === label);
      if (!item) throw new Error(`Step '${step.title}' offers no '${label}'; it offers ${step.items.map((i) => `'${i.label}'`).join(', ')}.`);
      return item.value;
    });
    return chosen;
  }

  async input(step: InputStep): Promise<Answer<string>> {
    this.shown.push({ title: step.title, value: step.value });
    const answer = this.next(step.title);
    if (answer === 'back') return BACK;
    if (answer === 'cancel') return undefined;
    if (!('text' in answer)) throw new Error(`Step '${step.title}' asks for text, but the script picks.`);
    const message = step.validate?.(answer.text);
    if (message) throw new Error(`Step '${step.title}' refuses '${answer.text}': ${message}`);
    return answer.text;
  }

  private next(title: string): ScriptedAnswer {
    const answer = this.answers.shift();
    if (!answer) throw new Error(`The script has no answer left for '${title}'.`);
    return answer;
  }
}
