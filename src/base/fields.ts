// Field validators for command arguments: each takes an unknown value (from a keybinding, a task or
// another extension) and either returns it, as given, or throws an ArgumentError whose message
// names the field, says what is wrong and how to fix it. Pure and vscode-free. This is the face;
// the checks live in fieldBase.ts (limits, errors, strings), fieldsSmtp.ts and fieldsWorkspace.ts.
export { typeOf } from './names';
export * from './fieldBase';
export * from './fieldsSmtp';
export * from './fieldsWorkspace';
