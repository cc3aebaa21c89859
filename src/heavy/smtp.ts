// Entry point of dist/smtp.js: everything that pulls in nodemailer. The extension requires this
// bundle on first use (see src/lazy.ts), so activation never loads nodemailer.
export { checkSmtpLogin } from '../core/smtp/session';
export { sendTestMail, MailInputError } from '../core/smtp/send';
export { appliedExtras } from '../core/smtp/compose';
// What runs after a check or for the Doctor: the diagnosis, the reports and the Doctor's checks
// live here too, so dist/extension.js carries none of them.
export { diagnose } from '../core/smtp/diagnose';
export { formatCauses, formatCheckReport, summarizeCheck } from '../core/smtp/report';
export * as doctor from '../core/doctor';
export { peerCertificate, resolveHost, tcpConnect } from '../core/doctor/nodePorts';
export { sendTestBurst } from '../core/smtp/burst';
export { SmtpInputError } from '../core/smtp/input';
export { findRegionByLogin } from '../core/credentials/findRegion';
