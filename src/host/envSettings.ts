// What the .env features share: which documents are .env files, and the conventions (the
// built-in ones plus the custom mapping from settings).
import * as vscode from 'vscode';
import path from 'node:path';
import { CONVENTIONS, customConvention, type EnvConvention } from '../engines/envfile/conventions';
import { DIALECT_SETTINGS, type DialectSetting } from '../engines/envfile/dialects';

/** The scheme of the .env write preview's two sides (the diff editor's documents). */
export const PREVIEW_SCHEME = 'ses-smtp-env-preview';

export const ENV_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/.env*' }, { pattern: '**/*.env' }];

export function isEnvDocument(doc: vscode.TextDocument): boolean {
  const base = path.basename(doc.uri.path);
  return doc.uri.scheme === 'file' && (base.startsWith('.env') || base.endsWith('.env'));
}

/** The custom convention from settings, if one is set (the built-in ones are always searched). */
export function customConventions(): EnvConvention[] {
  return conventions().filter((c) => c.id === 'custom');
}

export function conventions(): EnvConvention[] {
  const mapping = vscode.workspace.getConfiguration('sesSmtpToolkit').get<Record<string, unknown>>('env.customMapping');
  const out = [...CONVENTIONS];
  if (mapping && Object.keys(mapping).length) {
    try {
      out.push(customConvention(mapping));
    } catch {
      // reported when the user picks it
    }
  }
  return out;
}

/** Whose parser reads the .env files (sesSmtpToolkit.env.dialect; "auto": the file's convention decides). */
export function dialectSetting(scope?: vscode.Uri): DialectSetting {
  const v = vscode.workspace.getConfiguration('sesSmtpToolkit', scope).get<string>('env.dialect');
  return DIALECT_SETTINGS.find((d) => d === v) ?? 'auto';
}
