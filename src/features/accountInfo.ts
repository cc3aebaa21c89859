// What the Send Test Email form knows about an account in a region: whether it is in the sandbox
// and which identities are verified. The explorer feeds it when it has loaded a region; without
// it the form simply shows no warnings.
export interface RegionAccountInfo {
  sandbox?: boolean;
  verifiedIdentities?: string[];
}

export type AccountInfoProvider = (region: string) => Promise<RegionAccountInfo | undefined>;

let provider: AccountInfoProvider | undefined;

export function setAccountInfoProvider(next: AccountInfoProvider | undefined): void {
  provider = next;
}

export async function accountInfo(region: string | undefined): Promise<RegionAccountInfo | undefined> {
  if (!region || !provider) return undefined;
  try {
    return await provider(region);
  } catch {
    return undefined;
  }
}
