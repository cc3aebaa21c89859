// UserError in a module of its own (no VS Code import), so plain Node tests can load two copies.
// dist/ondemand.js carries a copy of it (esbuild.config.mjs): its commands throw that copy's
// errors, which registerCommand in the main bundle tells apart from bugs with `instanceof`.

/** Marks a UserError, so `instanceof` holds for one thrown by another bundle's copy (dist/ondemand.js). */
const USER_ERROR = Symbol.for('ses-smtp-toolkit.UserError');

/** An error whose message is meant for the user as it is: what is wrong and how to fix it. */
export class UserError extends Error {
  get [USER_ERROR](): true {
    return true;
  }

  /** Either copy's UserError (and its subclasses); a subclass itself tests as classes do. */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== UserError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && USER_ERROR in value;
  }
}
