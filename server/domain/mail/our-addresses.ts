import { domainToASCII } from "node:url";

/**
 * Whether inbound mail to this address is ours to take (CONTRACT §7): one of the listed addresses,
 * or any address at one of our domains. Both sides compare lower-case, IDNs in their ASCII form,
 * so `Support@Bücher.example` and `support@xn--bcher-kva.example` are the same address.
 */
export function isOurAddress(address: string, ours: { domains: readonly string[]; addresses: readonly string[] }): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  const domain = address.slice(at + 1).toLowerCase();
  const ascii = `${address.slice(0, at).toLowerCase()}@${domainToASCII(domain) || domain}`;
  return ours.addresses.includes(ascii) || ours.domains.includes(ascii.slice(ascii.lastIndexOf("@") + 1));
}
