import ipaddr from 'ipaddr.js';
import type { YamlPath } from '../core/document';
import { CASING } from '../core/casing';
import { asMap, isExpression } from '../core/scalars';
import type { RuleContext, RuleFix } from './api';

/**
 * Shared reading of a workspace's network settings for the seed-004 rules:
 * public_network_access, network_acls and its IP rules, managed_network.
 * Values are compared the way the CLI loads them; `${{...}}` expressions are
 * never judged.
 */

export const IP_RULES: YamlPath = ['network_acls', 'ip_rules'];

/**
 * public_network_access as the CLI reads it (case-insensitively): 'enabled',
 * 'disabled', or undefined when absent, an expression or not a known value.
 */
export function publicAccess(spec: Record<string, unknown>): 'enabled' | 'disabled' | undefined {
  const v = spec.public_network_access;
  if (typeof v !== 'string' || isExpression(v)) return undefined;
  const t = CASING.lower(v);
  return t === 'enabled' || t === 'disabled' ? t : undefined;
}

export function networkAcls(spec: Record<string, unknown>): Record<string, unknown> | undefined {
  return asMap(spec.network_acls);
}

/** The ip_rules list when it is a list (an empty list included); undefined otherwise. */
export function ipRuleList(spec: Record<string, unknown>): unknown[] | undefined {
  const rules = networkAcls(spec)?.ip_rules;
  return Array.isArray(rules) ? rules : undefined;
}

export interface IpRuleItem {
  index: number;
  /** The rule's `value`, as written. */
  value: string;
  /** YAML path of the `value` scalar (where findings are reported). */
  path: YamlPath;
}

/** Every ip_rules item whose `value` is a literal string (expressions and other shapes are skipped). */
export function ipRuleItems(ctx: RuleContext): IpRuleItem[] {
  const out: IpRuleItem[] = [];
  const rules = ipRuleList(ctx.value);
  if (!rules) return out;
  rules.forEach((item, index) => {
    const value = asMap(item)?.value;
    if (typeof value !== 'string' || isExpression(value)) return;
    const path = [...IP_RULES, index, 'value'];
    if (!ctx.valueRange(path)) return; // a value the parse does not hold at that path (a merge key)
    out.push({ index, value, path });
  });
  return out;
}

/** The preferred fix that removes one ip_rules item (none when the list cannot be edited there). */
export function removeIpRuleFix(ctx: RuleContext, item: IpRuleItem, title = `Remove the IP rule "${item.value}"`): RuleFix[] {
  const remove = ctx.edits.removeItem([...IP_RULES, item.index]);
  return remove ? [{ title, edits: [remove], isPreferred: true }] : [];
}

export type ParsedIpRule =
  | { kind: 'ipv6' }
  | { kind: 'invalid' }
  | {
      kind: 'ipv4';
      /** The address as written (before the prefix). */
      address: ipaddr.IPv4;
      /** 32 for a single address. */
      prefix: number;
      isCidr: boolean;
      /** The range's first address. */
      network: ipaddr.IPv4;
      /** A CIDR whose address has bits set after the prefix (16.17.18.19/24). */
      hostBits: boolean;
    };

/**
 * Reads one IP rule with ipaddr.js: an IPv4 address or CIDR in four-part
 * decimal form (the form the article asks for), an IPv6 address or range, or
 * anything else.
 */
export function parseIpRule(text: string): ParsedIpRule {
  if (ipaddr.IPv6.isValid(text) || ipaddr.IPv6.isValidCIDR(text)) return { kind: 'ipv6' };
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const address = ipaddr.IPv4.parse(text);
    return { kind: 'ipv4', address, prefix: 32, isCidr: false, network: address, hostBits: false };
  }
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) {
    const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
    const network = ipaddr.IPv4.networkAddressFromCIDR(text);
    return { kind: 'ipv4', address, prefix, isCidr: true, network, hostBits: network.toString() !== address.toString() };
  }
  return { kind: 'invalid' };
}

/** `network/prefix` of an IPv4 rule, or the address alone for a /32 written without prefix. */
export function rangeText(p: Extract<ParsedIpRule, { kind: 'ipv4' }>): string {
  return p.isCidr ? `${p.network.toString()}/${p.prefix}` : p.address.toString();
}

/** True when range b (network, prefix) lies inside range a. */
export function rangeContains(a: { network: ipaddr.IPv4; prefix: number }, b: { network: ipaddr.IPv4; prefix: number }): boolean {
  return b.prefix >= a.prefix && b.network.match(a.network, a.prefix);
}

/** The ranges IP network rules may not use, with ipaddr's range() name. */
const RESERVED: ReadonlyArray<{ cidr: string; range: string; label: string }> = [
  { cidr: '10.0.0.0/8', range: 'private', label: 'private' },
  { cidr: '172.16.0.0/12', range: 'private', label: 'private' },
  { cidr: '192.168.0.0/16', range: 'private', label: 'private' },
  { cidr: '127.0.0.0/8', range: 'loopback', label: 'loopback' },
  { cidr: '169.254.0.0/16', range: 'linkLocal', label: 'link-local' },
  { cidr: '0.0.0.0/8', range: 'unspecified', label: 'unspecified' },
  { cidr: '224.0.0.0/4', range: 'multicast', label: 'multicast' },
  { cidr: '100.64.0.0/10', range: 'carrierGradeNat', label: 'carrier-grade NAT (100.64.0.0/10)' },
];
const RESERVED_RANGES = RESERVED.map((r) => {
  const [network, prefix] = ipaddr.IPv4.parseCIDR(r.cidr);
  return { ...r, network, prefix };
});

export interface ReservedOverlap {
  /** The reserved block, for example 10.0.0.0/8. */
  cidr: string;
  label: string;
  /** The rule lies inside the block (else it contains the block). */
  inside: boolean;
}

/**
 * The reserved block an IPv4 rule falls in (by ipaddr's range() of its first
 * address), or the first reserved block it contains (a wide range such as
 * 8.0.0.0/6 that spans 10.0.0.0/8). CIDR blocks either nest or are disjoint.
 */
export function reservedOverlap(p: Extract<ParsedIpRule, { kind: 'ipv4' }>): ReservedOverlap | undefined {
  const name = p.network.range();
  const inside = RESERVED_RANGES.find((r) => r.range === name && p.network.match(r.network, r.prefix));
  if (inside && p.prefix >= inside.prefix) return { cidr: inside.cidr, label: inside.label, inside: true };
  const contained = RESERVED_RANGES.find((r) => rangeContains(p, r));
  return contained ? { cidr: contained.cidr, label: contained.label, inside: false } : undefined;
}

/**
 * managed_network.isolation_mode as the CLI reads it (camel-to-snake casing):
 * 'disabled' when the block or the mode is absent (the CLI's default), the
 * mode otherwise, undefined when it is an expression or not a string.
 */
export function isolationMode(spec: Record<string, unknown>): string | undefined {
  if (!('managed_network' in spec) || spec.managed_network === null) return 'disabled';
  const mn = asMap(spec.managed_network);
  if (!mn) return undefined;
  const mode = mn.isolation_mode;
  if (mode === undefined || mode === null) return 'disabled';
  if (typeof mode !== 'string' || isExpression(mode)) return undefined;
  return CASING.camelToSnake(mode);
}
