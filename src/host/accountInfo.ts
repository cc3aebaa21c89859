// What the Send Test Email form knows about an account in a region: whether it is in the sandbox,
// which identities are verified, and its maximum send rate (a test burst's default pace). One
// AccountInfoService is created in extension.ts and handed to the explorer (which provides the facts
// once it has loaded a region) and to the form (which asks). Without a provider, or before the region has loaded, the form simply shows no warnings.
export interface RegionAccountInfo {
  sandbox?: boolean;
  verifiedIdentities?: string[];
  /** SendQuota.MaxSendRate from GetAccount, messages per second. */
  maxSendRate?: number;
}

/** Where AWS API calls for a region go: the explorer's chosen profile and the endpoint setting. */
export interface AwsAccessFor {
  profile?: string;
  region: string;
  endpoint?: string;
}

export interface AccountInfoProvider {
  regionInfo(region: string): RegionAccountInfo | undefined | Promise<RegionAccountInfo | undefined>;
  /** The AWS access for the region, when a profile is chosen; undefined otherwise. */
  awsAccess?(region: string): AwsAccessFor | undefined;
}

export interface AccountInfo {
  /** What is known about the region's account, or undefined. Never rejects. */
  get(region: string | undefined): Promise<RegionAccountInfo | undefined>;
  /** Where AWS calls for the region go (configuration sets), when the explorer has a profile chosen. */
  awsAccess?(region: string | undefined): AwsAccessFor | undefined;
}

export class AccountInfoService implements AccountInfo {
  private provider: AccountInfoProvider | undefined;

  /** Makes `provider` the source of answers until the returned disposable is disposed. */
  provide(provider: AccountInfoProvider): { dispose(): void } {
    this.provider = provider;
    return { dispose: () => this.provider === provider && (this.provider = undefined) };
  }

  awsAccess(region: string | undefined): AwsAccessFor | undefined {
    if (!region || !this.provider?.awsAccess) return undefined;
    try {
      return this.provider.awsAccess(region);
    } catch {
      return undefined;
    }
  }

  async get(region: string | undefined): Promise<RegionAccountInfo | undefined> {
    if (!region || !this.provider) return undefined;
    try {
      return await this.provider.regionInfo(region);
    } catch {
      return undefined;
    }
  }
}
