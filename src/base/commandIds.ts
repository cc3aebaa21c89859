// Every command id of the extension, declared once. package.json contributes the same ids (a unit
// test holds the two together); code refers to them through COMMAND, never as string literals.
export const COMMAND = {
  generatePassword: 'sesSmtpToolkit.generatePassword',
  checkLogin: 'sesSmtpToolkit.checkLogin',
  sendTestEmail: 'sesSmtpToolkit.sendTestEmail',
  sendTestBurst: 'sesSmtpToolkit.sendTestBurst',
  showLog: 'sesSmtpToolkit.showLog',
  credentials: {
    add: 'sesSmtpToolkit.credentials.add',
    generate: 'sesSmtpToolkit.credentials.generate',
    createIamUser: 'sesSmtpToolkit.credentials.createIamUser',
    importCsv: 'sesSmtpToolkit.credentials.importCsv',
    importSecretsManager: 'sesSmtpToolkit.credentials.importSecretsManager',
    importParameterStore: 'sesSmtpToolkit.credentials.importParameterStore',
    exportSecretsManager: 'sesSmtpToolkit.credentials.exportSecretsManager',
    copySendingCode: 'sesSmtpToolkit.credentials.copySendingCode',
    check: 'sesSmtpToolkit.credentials.check',
    diagnose: 'sesSmtpToolkit.credentials.diagnose',
    copyUsername: 'sesSmtpToolkit.credentials.copyUsername',
    copyPassword: 'sesSmtpToolkit.credentials.copyPassword',
    rename: 'sesSmtpToolkit.credentials.rename',
    editSet: 'sesSmtpToolkit.credentials.editSet',
    delete: 'sesSmtpToolkit.credentials.delete',
    forgetAll: 'sesSmtpToolkit.credentials.forgetAll',
    trustCertificate: 'sesSmtpToolkit.credentials.trustCertificate',
    rotate: 'sesSmtpToolkit.credentials.rotate',
    deleteOldKey: 'sesSmtpToolkit.credentials.deleteOldKey',
  },
  writeEnv: 'sesSmtpToolkit.writeEnv',
  deploy: {
    push: 'sesSmtpToolkit.deploy.push',
    checkRelay: 'sesSmtpToolkit.deploy.checkRelay',
  },
  env: {
    import: 'sesSmtpToolkit.env.import',
    checkBlock: 'sesSmtpToolkit.env.checkBlock',
    sendTestEmail: 'sesSmtpToolkit.env.sendTestEmail',
    /** The Write / Cancel actions on the title of the pending "Write SMTP Settings to .env" diff. */
    confirmWrite: 'sesSmtpToolkit.env.confirmWrite',
    cancelWrite: 'sesSmtpToolkit.env.cancelWrite',
    lookUpAccessKeys: 'sesSmtpToolkit.env.lookUpAccessKeys',
  },
  explorer: {
    choose: 'sesSmtpToolkit.explorer.choose',
    refresh: 'sesSmtpToolkit.explorer.refresh',
    whyNoCredentials: 'sesSmtpToolkit.explorer.whyNoCredentials',
    createIdentity: 'sesSmtpToolkit.explorer.createIdentity',
    deleteIdentity: 'sesSmtpToolkit.explorer.deleteIdentity',
    copyRecords: 'sesSmtpToolkit.explorer.copyRecords',
    copyRecordsTable: 'sesSmtpToolkit.explorer.copyRecordsTable',
    copyRecordName: 'sesSmtpToolkit.explorer.copyRecordName',
    copyRecordValue: 'sesSmtpToolkit.explorer.copyRecordValue',
    checkDns: 'sesSmtpToolkit.explorer.checkDns',
    showRecordsTable: 'sesSmtpToolkit.explorer.showRecordsTable',
    openConsole: 'sesSmtpToolkit.explorer.openConsole',
    retry: 'sesSmtpToolkit.explorer.retry',
    loadMore: 'sesSmtpToolkit.explorer.loadMore',
    upgradeDkimKey: 'sesSmtpToolkit.explorer.upgradeDkimKey',
    loadAll: 'sesSmtpToolkit.explorer.loadAll',
    filterIdentities: 'sesSmtpToolkit.explorer.filterIdentities',
    showDkimParent: 'sesSmtpToolkit.explorer.showDkimParent',
    sendTestEmail: 'sesSmtpToolkit.explorer.sendTestEmail',
  },
  runDoctor: 'sesSmtpToolkit.runDoctor',
  explainError: 'sesSmtpToolkit.explainError',
  explainErrorSelection: 'sesSmtpToolkit.explainErrorSelection',
  delivery: {
    setUp: 'sesSmtpToolkit.delivery.setUpTracking',
    remove: 'sesSmtpToolkit.delivery.removeTracking',
    whereIs: 'sesSmtpToolkit.delivery.whereIsMessage',
  },
} as const;

/** The language model tools (features/agentTools); package.json's languageModelTools names the same. */
export const TOOL = {
  runDoctor: 'sesSmtp_runDoctor',
  checkLogin: 'sesSmtp_checkLogin',
  explainError: 'sesSmtp_explainError',
  identityStatus: 'sesSmtp_identityStatus',
  accountStatus: 'sesSmtp_accountStatus',
  whereIsMessage: 'sesSmtp_whereIsMessage',
  sendTestEmail: 'sesSmtp_sendTestEmail',
  writeEnv: 'sesSmtp_writeEnv',
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type CommandId = Leaves<typeof COMMAND>;

/** Every id in COMMAND. */
export function allCommandIds(): CommandId[] {
  const out: string[] = [];
  const walk = (node: object): void => {
    for (const v of Object.values(node)) {
      if (typeof v === 'string') out.push(v);
      else walk(v);
    }
  };
  walk(COMMAND);
  return out as CommandId[];
}

/** The view types of the webview panels (the one in package.json's onWebviewPanel activation event too). */
export const WEBVIEW = {
  testSend: 'sesSmtpToolkit.testSend',
  doctor: 'sesSmtpToolkit.doctor',
} as const;
