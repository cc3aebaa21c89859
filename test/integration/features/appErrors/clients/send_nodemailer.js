/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a CommonJS program that node runs, as an application does */
// nodemailer (the project's npm dependency): MAIL_COUNT messages over one pooled connection, and
// on failure what applications do with the error: console.error(err).
const nodemailer = require('nodemailer');

const implicit = process.env.SMTP_TLS === 'implicit';
const count = Number(process.env.MAIL_COUNT || '1');
const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT),
  secure: implicit,
  requireTLS: !implicit,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
  pool: true,
  maxConnections: 1,
  maxMessages: Infinity,
  connectionTimeout: 5000,
  greetingTimeout: 5000,
  socketTimeout: 5000,
});
(async () => {
  for (let i = 0; i < count; i++) {
    await transport.sendMail({
      from: process.env.MAIL_FROM,
      to: process.env.MAIL_TO,
      subject: `test ${i}`,
      text: 'hello',
    });
  }
  console.log('Sent');
  transport.close();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
