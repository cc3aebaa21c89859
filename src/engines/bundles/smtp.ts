// Entry point of dist/smtp.js: everything that pulls in nodemailer. The extension requires this
// bundle on first use (see src/engines/bundles/load.ts), so activation never loads nodemailer.
export { checkSmtpLogin } from '../smtp/session';
export { sendTestMail } from '../smtp/send';
export { MailInputError } from '../smtp/mailInput';
export { appliedExtras } from '../smtp/compose';
// What runs after a check or for the Doctor: the diagnosis, the reports and the Doctor's checks
// live here too, so dist/extension.js carries none of them.
export { diagnose } from '../smtp/diagnose';
export { formatCauses, formatCheckReport, summarizeCheck } from '../smtp/report';
import { runDoctor } from '../doctor';
import { renderMarkdown } from '../doctor/markdown';
import { maskText } from '../doctor/mask';
import { SES_PORTS } from '../doctor/network';
/** The Doctor's run, its report as Markdown, its masking, and the SES ports it probes. */
export const doctor = { runDoctor, renderMarkdown, maskText, SES_PORTS };
export { peerCertificate, resolveHost, tcpConnect } from '../doctor/nodePorts';
export { sendTestBurst } from '../smtp/burst';
export { SmtpInputError } from '../smtp/input';
export { findRegionByLogin } from '../smtp/findRegion';
