// Consent for effects asked for by a caller. Any extension in the host can run our commands with an
// argument object, and a cloned repository controls its workspace settings; neither is the user.
// So an effect (mail sent, a file written or deleted, an AWS resource or key made or removed, a
// secret imported or exported, a certificate trusted, a saved set deleted) requested by an argument
// object runs only after a modal that says exactly what will happen, unless the user's own
// application-scope opt-in `sesSmtpToolkit.security.allowUnattendedEffects` is on. A repository
// cannot set an application-scope setting, and it is read from the user's settings only.
import * as vscode from 'vscode';

export const UNATTENDED_SETTING = 'security.allowUnattendedEffects';

/** How a command was called: from the extension's own UI (palette, tree, form) or by a caller. */
export interface CallContext {
  /** True when the command got a plain argument object (another extension, a task, a keybinding, a test). */
  scripted: boolean;
  /**
   * A language model tool's call whose effect VS Code's own confirmation already put to the user,
   * who accepted it (features/agentTools: the tool asks in prepareInvocation). It stands for the
   * consent modal; everything else about a caller's call stays (no saved secret handed out, no UI).
   */
  confirmedByUser?: boolean;
}

/** The user's application-scope opt-in: argument objects may run effects without a modal. */
export function unattendedEffectsAllowed(): boolean {
  const inspected = vscode.workspace.getConfiguration('sesSmtpToolkit').inspect<boolean>(UNATTENDED_SETTING);
  // globalValue only: the user's own settings. A workspace or folder value is never read.
  return inspected?.globalValue === true;
}

export interface Effect {
  /** What will happen, in one sentence: "Send a test email to a@example.com from b@example.com". */
  summary: string;
  /** The details a user needs to decide: host, region, file path, AWS resource, what is replaced. */
  detail: string;
  /** The label of the button that runs it: "Send", "Write", "Delete". */
  action: string;
}

/**
 * True when the effect may run: the call came from the extension's own UI (the user clicked or
 * typed it: that flow asks where it needs to), the user's opt-in allows unattended effects, or the
 * user agreed in the modal. A modal dismissed or answered otherwise is false.
 */
export async function consentTo(call: CallContext, effect: Effect): Promise<boolean> {
  if (!call.scripted || call.confirmedByUser || unattendedEffectsAllowed()) return true;
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Another extension, a task or a keybinding asks SES SMTP Toolkit to: {0}', effect.summary),
    {
      modal: true,
      detail: vscode.l10n.t(
        '{0}\n\nAllow it only if you started this. (Setting "sesSmtpToolkit.security.allowUnattendedEffects" in your user settings lets such calls run without asking.)',
        effect.detail,
      ),
    },
    effect.action,
  );
  return answer === effect.action;
}

/**
 * For an effect whose own flow already asks in a dialog that `confirm: false` may skip: the
 * extension's UI and a caller under the opt-in keep that behaviour (`skipAsked` true skips `ask`);
 * any other caller gets the consent modal instead, and `confirm: false` is not honoured.
 */
export async function confirmEffect(
  call: CallContext,
  effect: Effect,
  skipAsked: boolean,
  ask: () => Promise<boolean>,
): Promise<boolean> {
  if (call.scripted && !call.confirmedByUser && !unattendedEffectsAllowed()) return consentTo(call, effect);
  return skipAsked || ask();
}

/** True when a caller's argument object may skip the extension's own questions (the opt-in is on). */
export function callerMaySkipQuestions(call: CallContext): boolean {
  return !call.scripted || call.confirmedByUser === true || unattendedEffectsAllowed();
}
