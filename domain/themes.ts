// Themes: an admin-editable list (taxonomy kind "theme"; keywords and a suggested action in `data`).
// The defaults below are seeded at first start; both the local analyser and the model prompt use the
// live list. Pure.
import { tokens, containsPhrase, phraseTerms } from './text-terms';

export interface ThemeDef {
  name: string;
  keywords: string[]; // words or short phrases; matched on stems, so "charge" also finds "charged"
  action?: string | null; // what an agent usually does about it (the suggested next action)
}

/** The `data` of a theme taxonomy entry. */
export interface ThemeData {
  keywords: string[];
  action?: string | null;
}

export const DEFAULT_THEMES: ThemeDef[] = [
  {
    name: 'Waiting time',
    keywords: ['wait', 'waiting', 'queue', 'line', 'slow', 'ages', 'took ages', 'get served', 'be served', 'forever', 'on hold', 'took long', 'too long', 'delay', 'hour', 'minutes', 'nobody came', 'not served'],
    action: 'Apologise for the wait and check staffing and queue handling at the reported time.',
  },
  {
    name: 'Staff attitude',
    keywords: ['rude', 'staff', 'waiter', 'waitress', 'cashier', 'receptionist', 'reception', 'employee', 'manager', 'colleague', 'attitude', 'unfriendly', 'impolite', 'dismissive', 'condescending', 'ignored', 'shouted', 'swore', 'unhelpful', 'disrespectful', 'aggressive', 'grumpy', 'insulted', 'bartender', 'barista', 'server', 'assistant', 'clerk', 'security', 'instructor', 'member of staff', 'team member', 'sarcastic', 'made fun', 'mocked', 'laughed at', 'patronising', 'patronizing', 'unprofessional', 'lazy', 'short with', 'curt', 'polite', 'friendly', 'helpful', 'rude to'],
    action: 'Talk to the team lead about the interaction and apologise to the customer personally.',
  },
  {
    name: 'Cleanliness',
    keywords: ['dirty', 'clean', 'cleaned', 'filthy', 'smell', 'smelly', 'stink', 'hygiene', 'toilet', 'bathroom', 'mould', 'mold', 'stain', 'stained', 'sticky', 'crumbs', 'dust', 'hair', 'bins', 'rubbish', 'washed', 'unwashed', 'not washed', '=marks', 'greasy', 'grease', 'grime', 'floor', 'mess', 'messy', 'untidy', 'cockroach', 'mice', '=rats', '=droppings', 'pests', 'vermin', 'insects'],
    action: 'Have the area inspected and cleaned today and review the cleaning schedule.',
  },
  {
    name: 'Billing and refunds',
    keywords: ['bill', 'billing', 'invoice', 'charged', 'charge', 'double charge', 'overcharged', 'refund', 'payment', 'paid', 'card', 'receipt', 'fee', 'statement', 'money back', 'credit', 'transaction', 'direct debit'],
    action: 'Check the charge against the order and refund or credit any amount taken wrongly.',
  },
  {
    name: 'Price and value',
    keywords: ['price', 'prices', 'expensive', 'overpriced', 'cost', 'costs', 'value', 'worth', 'afford', 'cheap', 'robbery', 'rip-off', 'pricey', 'portion', 'euros', 'pounds', 'dollars', 'absurd', 'extortionate', 'steep', 'price hike', 'money', 'doubled', 'not worth'],
    action: 'Explain the pricing and consider a goodwill voucher if the customer was misled.',
  },
  {
    name: 'Product quality',
    keywords: ['broken', 'broke', 'defective', 'faulty', 'quality', 'stale', 'sour', 'raw', 'undercooked', 'overcooked', 'cold food', 'bland', 'rotten', 'damaged', 'stopped working', 'fell apart', 'came off', 'material', 'shrank', 'shrunk', 'faded', 'ripped', 'torn', 'stitching', 'peeling', 'paint', 'cracked', 'chipped', 'wobbly', 'rust', 'chewy', 'taste', 'tasted', 'flat', 'went flat', 'worn', 'wore out', 'sagging', 'poorly made', 'cheaply made', 'build', 'broke down'],
    action: 'Offer a replacement or refund and pass the defect to the product or kitchen lead.',
  },
  {
    name: 'Delivery and orders',
    keywords: ['delivery', 'delivered', 'deliver', 'parcel', 'package', 'courier', 'driver', 'tracking', 'shipping', 'order', 'missing', 'wrong item', 'wrong items', 'never arrived', 'not arrived', "hasn't arrived", 'crushed', 'box'],
    action: 'Trace the order with the courier and send the missing or correct items.',
  },
  {
    name: 'App and website',
    keywords: ['app', 'website', 'site', 'online', 'login', 'log in', 'password', 'crash', 'crashes', 'freezes', 'error', 'bug', 'page', 'checkout', 'load', 'update', 'account'],
    action: 'Reproduce the problem, file it with the product team and tell the customer a workaround.',
  },
  {
    name: 'Bookings and reservations',
    keywords: ['booking', 'booked', 'book', 'reservation', 'reserved', 'appointment', 'slot', 'table for', 'double-booked', 'rescheduled', 'moved my appointment', 'given away', 'gave away', 'no-show', 'double room', 'single beds', 'cancelled'],
    action: 'Check the booking record, rebook the customer at a time that suits them and find out what went wrong.',
  },
  {
    name: 'Safety and health',
    keywords: ['allergic', 'allergy', 'allergen', 'reaction', 'sick', 'ill', 'vomit', 'food poisoning', 'injury', 'injured', 'hurt', 'tripped', 'fell', 'fall', 'unsafe', 'danger', 'dangerous', 'hazard', 'fire exit', 'emergency', 'broken glass', 'gas', 'sharp', 'sharp edges', 'lifeguard', 'unsupervised', 'drown', 'cut my', 'piece of metal', 'piece of glass', 'foreign object', 'scalded', 'bleeding', 'blood', 'stairs', 'staircase', 'step', 'handrail', 'slippery', 'slipped', 'wet floor', 'playground', 'exposed', 'loose', 'unstable', 'accident'],
    action: 'Call the customer today, record the incident and have the site checked before it happens again.',
  },
  {
    name: 'Communication',
    keywords: ['reply', 'replied', 'response', 'answer', 'no answer', 'call back', 'callback', 'called back', 'contact', 'emailed', 'email', 'message', 'chat', 'phone', 'nobody told', 'no one told', 'not informed', 'never heard', 'reach', 'informed', 'notified', 'notification', 'voicemail', 'voicemails', 'calls', 'call', 'returns my calls', 'get through'],
    action: 'Answer the customer today and check why earlier messages went unanswered.',
  },
];

export interface ThemeHit {
  name: string;
  hits: number;
}

/** Themes whose keywords occur in the text, most hits first (ties in list order). */
export function matchThemes(text: string, themes: ThemeDef[]): ThemeHit[] {
  const stems = tokens(text);
  const hits = themes.map((t, order) => ({
    name: t.name,
    order,
    hits: new Set(t.keywords.filter((k) => containsPhrase(stems, phraseTerms(k)))).size,
  }));
  return hits
    .filter((h) => h.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.order - b.order)
    .map(({ name, hits: n }) => ({ name, hits: n }));
}
