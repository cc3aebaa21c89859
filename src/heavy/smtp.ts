// Entry point of dist/smtp.js: everything that pulls in nodemailer. The extension requires this
// bundle on first use (see src/lazy.ts), so activation never loads nodemailer.
export { checkSmtpLogin } from '../core/smtp/session';
export { sendTestMail, MailInputError } from '../core/smtp/send';
export { findRegionByLogin } from '../core/credentials/findRegion';
