// Every customer-facing text of the collection pages (kiosk, QR, widget, campaign link), in one place
// until the i18n layer takes them over.
export const COLLECT_STRINGS = {
  'collect.question.smile': 'How was your visit today?',
  'collect.question.star': 'How would you rate your visit?',
  'collect.question.nps': 'How likely are you to recommend {org} to a friend or colleague?',
  'collect.smile.0': 'Unhappy',
  'collect.smile.1': 'Neutral',
  'collect.smile.2': 'Happy',
  'collect.star.label': '{score} of 5 stars',
  'collect.nps.low': 'Not at all likely',
  'collect.nps.high': 'Extremely likely',
  'collect.comment.label': 'Anything you would like to tell us? (optional)',
  'collect.contact.legend': 'May we contact you about your feedback? (optional)',
  'collect.contact.email': 'E-mail',
  'collect.contact.phone': 'Phone',
  'collect.contact.consent': 'I agree that {org} may contact me about this feedback.',
  'collect.send': 'Send',
  'collect.skip': 'Skip',
  'collect.honeypot': 'Leave this field empty',
  'collect.thanks.detractor': 'Thank you for telling us. We are sorry it was not better — the team will look into it.',
  'collect.thanks.passive': 'Thank you for your feedback.',
  'collect.thanks.promoter': 'Thank you! We are glad you had a good experience.',
  'collect.thanks.title': 'Thank you',
  'collect.again': 'Give more feedback',
  'collect.errors.title': 'Please check your answer',
  'collect.error.score': 'Please pick a score.',
  'collect.error.comment': 'Please shorten your comment (at most 2,000 characters) and leave out unusual characters.',
  'collect.error.email': 'Please enter a valid e-mail address, or leave it empty.',
  'collect.error.phone': 'Please enter a valid phone number, or leave it empty.',
  'collect.error.consent': 'Please tick the box to agree to be contacted, or leave your contact details out.',
  'collect.error.form': 'This form has expired. Please answer again.',
  'collect.error.rate': 'Too many answers from here right now. Please try again in a minute.',
  'collect.error.unavailable': 'We could not save your answer just now. Please try again in a moment.',
  'collect.notFound.title': 'Page not found',
  'collect.notFound.text': 'This feedback page does not exist or is closed.',
  'collect.language': 'Language',
  'collect.kiosk.pairTitle': 'This kiosk is not paired yet',
  'collect.kiosk.pairHelp': 'Enter the pairing code shown on the admin screen of this collection point.',
  'collect.kiosk.pairCode': 'Pairing code',
  'collect.kiosk.pair': 'Pair this kiosk',
  'collect.kiosk.pairFailed': 'This pairing code is not valid or has expired. Create a new one on the admin screen.',
  'collect.kiosk.offline': 'Offline: answers are kept on this device and sent when the network is back.',
  'collect.kiosk.noscript': 'This kiosk page needs JavaScript.',
  'collect.kiosk.title': 'Feedback kiosk',
} as const;

export type CollectKey = keyof typeof COLLECT_STRINGS;
export type Translate = (key: CollectKey, vars?: Record<string, string | number>) => string;

/** The page's text for `key` with `{name}` placeholders filled in. */
export const collectText: Translate = (key, vars = {}) => COLLECT_STRINGS[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
