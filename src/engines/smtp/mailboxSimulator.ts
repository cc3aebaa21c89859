// SES mailbox simulator addresses: they work in the sandbox and do not count against the quota.
export const MAILBOX_SIMULATOR = {
  success: 'success@simulator.amazonses.com',
  bounce: 'bounce@simulator.amazonses.com',
  ooto: 'ooto@simulator.amazonses.com',
  complaint: 'complaint@simulator.amazonses.com',
  suppressionlist: 'suppressionlist@simulator.amazonses.com',
} as const;
