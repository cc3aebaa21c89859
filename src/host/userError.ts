// UserError in a module of its own (no VS Code import), so the vscode-free layers can throw it.

/** An error whose message is meant for the user as it is: what is wrong and how to fix it. */
export class UserError extends Error {}
