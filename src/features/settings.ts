import * as vscode from 'vscode';

export interface ToolkitSettings {
  extraRegions: string[];
  defaultRegion: string;
  phaseTimeoutMs: number;
}

export function settings(): ToolkitSettings {
  const cfg = vscode.workspace.getConfiguration('sesSmtpToolkit');
  const seconds = cfg.get<number>('smtp.timeoutSeconds', 15);
  return {
    extraRegions: cfg.get<string[]>('extraRegions', []),
    defaultRegion: cfg.get<string>('defaultRegion', 'us-east-1'),
    phaseTimeoutMs: Math.min(Math.max(Number.isFinite(seconds) ? seconds : 15, 1), 120) * 1000,
  };
}
