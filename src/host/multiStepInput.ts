// Chained prompts as one flow: each step's input shows "Title (2/5)" and, from the second step on,
// a Back button that returns to the previous step with its answer filled in. Escape cancels the
// whole flow. Steps that an argument already answers are left out of the count.
import * as vscode from 'vscode';
import { blocks, type InputCheck } from '../base/inputChecks';
import { UserError } from './userError';

class FlowBack {}
class FlowCancel {}
const BACK = new FlowBack();
const CANCEL = new FlowCancel();

export interface BoxOptions {
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** As showInputBox's validateInput: an error blocks Enter, a warning does not. */
  validate?: (value: string) => InputCheck;
  /** The check when Enter is pressed (an empty required field); validate when not given. */
  validateFinal?: (value: string) => InputCheck;
  /** A Back button even on the first step: a sub-prompt that returns to its step's first prompt. */
  back?: boolean;
}

export interface PickOptions<T extends vscode.QuickPickItem> {
  placeholder: string;
  items: readonly T[];
  active?: T;
  matchOnDescription?: boolean;
  /** Called as the user types; may replace the items (a typed value that is not listed). */
  onValue?: (value: string, pick: vscode.QuickPick<T>) => void;
  /** false: Enter on this item does nothing (a warning line). */
  accepts?: (item: T) => boolean;
  /** A Back button even on the first step: a sub-prompt that returns to its step's first prompt. */
  back?: boolean;
}

/** One prompt of a step; a step may ask more than once (a pick, then an input for "Other…"). */
export class StepInput {
  constructor(
    readonly title: string,
    readonly step: number,
    readonly totalSteps: number,
    /** Why the step is shown again (an error after it was answered): on its first prompt until edited. */
    private error?: string,
  ) {}

  /** Whether the step has shown a prompt (a step that fails before asking is not asked again). */
  prompted = false;

  /** The error to show on this prompt, once. */
  private takeError(): string | undefined {
    this.prompted = true;
    const error = this.error;
    this.error = undefined;
    return error;
  }

  inputBox(options: BoxOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    this.decorate(box, options.back);
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    // A prefill (a suggested name, an answer kept by Back) is selected, so typing replaces it; VS Code
    // does so for a new box today, and this keeps it so whatever the default.
    box.valueSelection = [0, box.value.length];
    box.password = options.password ?? false;
    const show = (c: InputCheck): void => {
      box.validationMessage = c === undefined ? undefined : typeof c === 'string' ? c : toMessage(c);
    };
    const error = this.takeError();
    if (error !== undefined)
      box.validationMessage = { message: error, severity: vscode.InputBoxValidationSeverity.Error };
    else show(options.validate?.(box.value));
    return this.wait(box, (resolve) => [
      box.onDidChangeValue((value) => show(options.validate?.(value))),
      box.onDidAccept(() => {
        const c = (options.validateFinal ?? options.validate)?.(box.value);
        if (blocks(c)) return show(c);
        resolve(box.value);
      }),
    ]);
  }

  quickPick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    this.decorate(pick, options.back);
    const error = this.takeError();
    pick.placeholder = error === undefined ? options.placeholder : `${error} ${options.placeholder}`;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.items = options.items;
    if (options.active) pick.activeItems = [options.active];
    return this.wait(pick, (resolve) => [
      pick.onDidChangeValue((value) => options.onValue?.(value, pick)),
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0] ?? pick.activeItems[0];
        if (item && (options.accepts?.(item) ?? true)) resolve(item);
      }),
    ]);
  }

  private decorate(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, back = false): void {
    input.title = this.title;
    // "Title (2/5)"; a single prompt has no count.
    if (this.totalSteps > 1) {
      input.step = this.step;
      input.totalSteps = this.totalSteps;
    }
    input.ignoreFocusOut = true;
    input.buttons = back || this.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  private wait<R, I extends vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> }>(
    input: I,
    listen: (resolve: (value: R) => void) => vscode.Disposable[],
  ): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        fn();
        for (const d of disposables) d.dispose();
        input.dispose();
      };
      const disposables = [
        ...listen((value) => finish(() => resolve(value))),
        input.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) finish(() => reject(BACK));
        }),
        input.onDidHide(() => finish(() => reject(CANCEL))),
      ];
      input.show();
    });
  }
}

function toMessage(c: Exclude<InputCheck, string | undefined>): vscode.InputBoxValidationMessage {
  const severity =
    c.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning;
  return { message: c.message, severity };
}

/** A step: asks through `input` and stores its answer; returning false cancels the flow. */
export type Step = (input: StepInput) => Promise<void | false>;

/**
 * Runs the steps in order; falsy entries (steps an argument answered) are left out. Returns true
 * when every step answered, false when the user cancelled. A UserError thrown by a step shows that
 * step again with the error; one thrown by `finish` (run once every step answered: the save) shows
 * the last step again with it. Either way the answers given so far stay, and Back goes through them.
 * `finish` returning false cancels.
 */
export async function runSteps(
  title: string,
  steps: ReadonlyArray<Step | undefined | false>,
  finish?: () => Promise<void | boolean>,
): Promise<boolean> {
  const active = steps.filter((s): s is Step => typeof s === 'function');
  let i = 0;
  let error: string | undefined;
  for (;;) {
    while (i < active.length) {
      const input = new StepInput(title, i + 1, active.length, error);
      try {
        const answered = await active[i](input);
        error = undefined;
        if (answered === false) return false;
        i++;
      } catch (err) {
        error = undefined;
        if (err === BACK) i = Math.max(0, i - 1);
        else if (err === CANCEL) return false;
        else if (err instanceof UserError && input.prompted) error = err.message;
        else throw err;
      }
    }
    if (!finish) return true;
    try {
      return (await finish()) !== false;
    } catch (err) {
      if (!(err instanceof UserError) || active.length === 0) throw err;
      error = err.message;
      i = active.length - 1;
    }
  }
}

/** For a step's own Back (a sub-prompt that returns to the step's first prompt): throw it. */
export function isFlowBack(err: unknown): boolean {
  return err === BACK;
}
