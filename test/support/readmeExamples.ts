// The argument objects README.md shows in its code blocks (outside the "Argument objects" table,
// which repeats each command's schema example). test/unit/project/readmeExamples.test.ts holds this list
// against README, and test/e2e/contracts.e2e.test.ts runs each one in the real host.
export interface ReadmeExample {
  command: string;
  args: Record<string, unknown>;
}

export const README_EXAMPLES: readonly ReadmeExample[] = [
  {
    command: 'sesSmtpToolkit.sendTestEmail',
    args: { credentialSet: 'prod eu-west-1', from: 'noreply@example.com', to: 'success@simulator.amazonses.com' },
  },
  {
    command: 'sesSmtpToolkit.sendTestEmail',
    args: {
      credentialSet: 'prod eu-west-1',
      from: 'noreply@example.com',
      to: 'success@simulator.amazonses.com',
      bcc: ['audit@example.com'],
      configurationSet: 'events',
      tags: [{ name: 'campaign', value: 'welcome' }],
    },
  },
  {
    command: 'sesSmtpToolkit.sendTestEmail',
    args: {
      credentialSet: 'prod eu-west-1',
      from: 'noreply@example.com',
      to: 'success@simulator.amazonses.com',
      tenant: 'acme',
      configurationSet: 'events',
    },
  },
  {
    command: 'sesSmtpToolkit.explainError',
    args: { text: 'Error: Invalid login: 535 Authentication Credentials Invalid' },
  },
  {
    command: 'sesSmtpToolkit.deploy.push',
    args: { credentialSet: 'prod eu-west-1', target: 'fly', app: 'my-app', stage: true, convention: 'rails' },
  },
  {
    command: 'sesSmtpToolkit.deploy.push',
    args: { file: '/path/to/.env', block: 0, target: 'compose', composeFile: 'compose.yaml', service: 'web' },
  },
];
