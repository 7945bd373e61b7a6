/**
 * Whether `host` is an IPv4 address in dotted-decimal form or an IPv6 address (optionally with a zone id such
 * as %eth0): the answers of node:net's isIP, without importing node:net, which makes Deno 2.9 start its Node
 * compatibility layer on an Edge Function's cold start. test/ip-address.test.ts holds it to isIP.
 */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const ZONE = /%[0-9a-zA-Z\-.:]+$/;

export function isIpAddress(host: string): boolean {
  if (IPV4.test(host)) return true;
  const address = host.replace(ZONE, '');
  // The URL parser's IPv6 grammar is the standard one; anything else it accepts between brackets is not IPv6.
  if (!address.includes(':') || !/^[0-9a-fA-F:.]+$/.test(address)) return false;
  try {
    return new URL(`http://[${address}]/`).hostname.startsWith('[');
  } catch {
    return false;
  }
}
