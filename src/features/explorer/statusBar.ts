// The status bar item: the chosen profile and regions, a warning when the profile has no usable
// credentials; a click chooses again.
import * as vscode from 'vscode';
import type { Selection } from './root';
import { COMMAND } from '../../base/commandIds';

export const CHOOSE_COMMAND = COMMAND.explorer.choose;

export class ExplorerStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'sesSmtpToolkit.explorer.status',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private problem: string | undefined;

  constructor(private readonly selection: () => Selection | undefined) {
    this.item.name = vscode.l10n.t('SES Explorer: AWS profile and regions');
    this.item.command = CHOOSE_COMMAND;
    this.update();
  }

  /** The reason the chosen profile has no usable credentials, or undefined. */
  get credentialProblem(): string | undefined {
    return this.problem;
  }

  set credentialProblem(reason: string | undefined) {
    this.problem = reason;
    this.update();
  }

  update(): void {
    const s = this.selection();
    const where = s
      ? vscode.l10n.t(
          '{0} · {1}',
          s.profile ?? vscode.l10n.t('default'),
          s.regions.length === 1 ? s.regions[0] : vscode.l10n.t('{0} regions', s.regions.length),
        )
      : '';
    this.item.text = s
      ? `$(${this.problem ? 'warning' : 'cloud'}) ${where}`
      : vscode.l10n.t('$(cloud) SES: choose profile');
    const about = vscode.l10n.t('SES SMTP Toolkit: AWS profile and regions (click to change)');
    this.item.tooltip = this.problem ? `${this.problem}\n\n${about}` : about;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
