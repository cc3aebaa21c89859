// Explain SES SMTP Error (#33): from the palette (paste), from an editor's selection (a log file's
// context menu), and from any integrated terminal, where a link provider underlines the lines of
// SES SMTP errors. The provider runs on every terminal line, so activation holds only its cheap
// test (logic/markers.ts, a few String.prototype.includes); the reader loads on the first line
// that passes it, and the command's code on its first run.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import { registerCommand } from '../../host/util';
import { COMMAND } from '../../base/commandIds';
import { mayHoldSmtpError, TERMINAL_LINE_CAP } from './logic/markers';
import type { ExplainArgs } from './args';
import type { ExplainResult } from './explainCommand';

interface SmtpErrorLink extends vscode.TerminalLink {
  /** The terminal line; read (and masked) only when the link is opened. */
  line: string;
}

/** For the end-to-end tests (testHooks): each link the provider gave VS Code, with its line. */
export interface AppErrorsFeature {
  /** Each line VS Code asked about, with the link's hover text (undefined: no link on it). */
  watchLinks(listener: ((line: string, summary: string | undefined) => void) | undefined): void;
}

export function activate(ctx: FeatureContext): AppErrorsFeature {
  let watcher: ((line: string, summary: string | undefined) => void) | undefined;
  const command = () => import('./explainCommand');
  const explain = registerCommand<ExplainResult | undefined, ExplainArgs>(COMMAND.explainError, ctx.log, async (args) =>
    (await command()).explainCommand(ctx, args),
  );
  const links: vscode.TerminalLinkProvider<SmtpErrorLink> = {
    provideTerminalLinks: (context) => {
      if (!mayHoldSmtpError(context.line)) {
        watcher?.(context.line, undefined);
        return [];
      }
      return import('./logic/terminalLine').then(({ linkInLine }) => {
        const found = linkInLine(context.line);
        watcher?.(context.line, found?.summary);
        if (!found) return [];
        const tooltip = vscode.l10n.t('Explain SES SMTP error: {0}', found.summary);
        // The part of the line that was read (a longer line is cut where the reader stops).
        const line = context.line.length > TERMINAL_LINE_CAP ? context.line.slice(0, TERMINAL_LINE_CAP) : context.line;
        return [{ startIndex: found.startIndex, length: found.length, tooltip, line }];
      });
    },
    handleTerminalLink: async (link) => {
      await explain.run({ text: link.line });
    },
  };
  ctx.subscriptions.push(
    explain,
    registerCommand(COMMAND.explainErrorSelection, ctx.log, async () => (await command()).explainSelection(ctx)),
    vscode.window.registerTerminalLinkProvider(links),
  );
  return { watchLinks: (listener) => (watcher = listener) };
}
