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

/** A configuration set's event destinations, as the form shows them beside a result. */
export interface EventDestinationInfo {
  name: string;
  enabled: boolean;
  kind: string;
  events: string[];
}

export interface AccountInfoProvider {
  regionInfo(region: string): RegionAccountInfo | undefined | Promise<RegionAccountInfo | undefined>;
  /** ListConfigurationSets in the region, with the explorer's AWS profile (rejects with a readable reason). */
  configurationSets?(region: string): Promise<string[]>;
  /** GetConfigurationSetEventDestinations (rejects with a readable reason). */
  eventDestinations?(region: string, configurationSet: string): Promise<EventDestinationInfo[]>;
}

export interface AccountInfo {
  /** What is known about the region's account, or undefined. Never rejects. */
  get(region: string | undefined): Promise<RegionAccountInfo | undefined>;
  source?(): AccountInfoProvider | undefined;
}

export class AccountInfoService implements AccountInfo {
  private provider: AccountInfoProvider | undefined;

  /** Makes `provider` the source of answers until the returned disposable is disposed. */
  provide(provider: AccountInfoProvider): { dispose(): void } {
    this.provider = provider;
    return { dispose: () => this.provider === provider && (this.provider = undefined) };
  }

  /** The provider, for the calls beyond regionInfo (configuration sets); undefined without one. */
  source(): AccountInfoProvider | undefined {
    return this.provider;
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
