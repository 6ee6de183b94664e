// Which Google Business Profile locations the reviews bridge reads, and under which branch: the mapping an
// admin stored (from the locations listed by the API) first, GOOGLE_BUSINESS_LOCATIONS for the rest.
// Also the wire shapes of the two listing calls (Account Management v1 `accounts.list`, Business
// Information v1 `accounts.locations.list`).
import { z } from 'zod';
import type { GoogleLocation } from './google-reviews';

/** `GET {accountManagement}/v1/accounts` (fields we use). */
export const googleAccountPageSchema = z.looseObject({
  accounts: z.array(z.looseObject({ name: z.string().regex(/^accounts\/[^/]+$/), accountName: z.string().optional() })).optional(),
  nextPageToken: z.string().optional(),
});

/** A PostalAddress as Google sends it (storefrontAddress). */
const postalAddressSchema = z.looseObject({
  addressLines: z.array(z.string()).optional(),
  locality: z.string().optional(),
  postalCode: z.string().optional(),
  administrativeArea: z.string().optional(),
  regionCode: z.string().optional(),
});

/** `GET {businessInformation}/v1/{account}/locations?readMask=name,title,storefrontAddress`: a location's
 * name is `locations/{locationId}`, without its account. */
export const googleLocationPageSchema = z.looseObject({
  locations: z
    .array(z.looseObject({ name: z.string().regex(/^locations\/[^/]+$/), title: z.string().optional(), storefrontAddress: postalAddressSchema.optional() }))
    .optional(),
  nextPageToken: z.string().optional(),
});

export type GooglePostalAddress = z.infer<typeof postalAddressSchema>;

/** One line: street lines, postcode and town, region. Null when Google has no storefront address (a
 * service-area business). */
export function formatGoogleAddress(a: GooglePostalAddress | undefined): string | null {
  if (!a) return null;
  const town = [a.postalCode, a.locality].filter(Boolean).join(' ');
  const parts = [...(a.addressLines ?? []), town, a.administrativeArea, a.regionCode].map((p) => p?.trim()).filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : null;
}

/** The v4 reviews API addresses a location as accounts/{a}/locations/{l}. */
export const locationResourceName = (account: string, location: string) => `${account}/${location}`;

export const GOOGLE_LOCATION_NAME = /^accounts\/[^/]+\/locations\/[^/]+$/;

/** A stored row: `decided` once an admin chose a branch or "not mapped". */
export interface StoredGoogleLocation {
  name: string;
  branchId: string | null;
  decided: boolean;
}

export type GoogleMappingSource = 'stored' | 'environment' | null;

/** Where a location's reviews go: the admin's decision, else the environment's entry, else nowhere. */
export function effectiveMapping(name: string, stored: StoredGoogleLocation | undefined, env: GoogleLocation[]): { polled: boolean; branch: string | null; source: GoogleMappingSource } {
  if (stored?.decided) return { polled: stored.branchId !== null, branch: stored.branchId, source: 'stored' };
  const e = env.find((l) => l.name === name);
  if (e) return { polled: true, branch: e.branch, source: 'environment' };
  return { polled: false, branch: null, source: null };
}

/**
 * The locations a poll reads: every stored location an admin mapped to a branch, then the environment's
 * entries the admin has not decided on (as before: with their branch, or none). A location an admin set
 * to "not mapped" is not read, even when the environment lists it.
 */
export function locationsToPoll(stored: StoredGoogleLocation[], env: GoogleLocation[]): GoogleLocation[] {
  const decided = new Map(stored.filter((s) => s.decided).map((s) => [s.name, s]));
  const polled: GoogleLocation[] = [];
  // The environment's order first (a decision replaces its entry), then the other mapped ones by name.
  for (const e of env) {
    const d = decided.get(e.name);
    if (!d) polled.push(e);
    else if (d.branchId !== null) polled.push({ name: e.name, branch: d.branchId });
  }
  const listed = new Set(env.map((e) => e.name));
  for (const d of [...decided.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!listed.has(d.name) && d.branchId !== null) polled.push({ name: d.name, branch: d.branchId });
  }
  return polled;
}
