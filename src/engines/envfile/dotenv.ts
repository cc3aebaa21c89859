// The .env module's face: the parser (parse.ts), the editor (edit.ts) and the SMTP key
// conventions (conventions.ts) live apart; importers may keep using this file.
export * from './parse';
export * from './edit';
export * from './conventions';
export * from './dialects';
export * from './dialectRead';
