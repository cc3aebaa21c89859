import * as vscode from 'vscode';

export interface ToolkitSettings {
  extraRegions: string[];
  defaultRegion: string;
  phaseTimeoutMs: number;
  /** A custom AWS API endpoint (LocalStack, moto); undefined: AWS. */
  awsEndpoint?: string;
}

export function settings(): ToolkitSettings {
  const cfg = vscode.workspace.getConfiguration('sesSmtpToolkit');
  const seconds = cfg.get<number>('smtp.timeoutSeconds', 15);
  return {
    extraRegions: cfg.get<string[]>('extraRegions', []),
    defaultRegion: cfg.get<string>('defaultRegion', 'us-east-1'),
    awsEndpoint: cfg.get<string>('aws.endpoint') || undefined,
    phaseTimeoutMs: Math.min(Math.max(Number.isFinite(seconds) ? seconds : 15, 1), 120) * 1000,
  };
}
