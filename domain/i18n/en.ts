// English: the source of every key (the other locales are checked against it by i18n.test.ts).
// Plural keys end in _one / _other (and whatever else Intl.PluralRules names for a language: Arabic has
// _zero, _one, _two, _few, _many, _other). Placeholders are {{name}}; values are plain text, the
// renderer escapes them for HTML. The mail templates (mail.*) are the shipped defaults an admin edits.
import { collectEn } from './collect/en';

export const en = {
  collect: collectEn, // the collection pages: domain/i18n/collect/en.ts
  score: {
    five: { '1': 'Very unhappy', '2': 'Unhappy', '3': 'Okay', '4': 'Happy', '5': 'Very happy' },
    smile: { '1': 'Unhappy', '3': 'Okay', '5': 'Happy' },
    outOfFive: '{{score}} of 5 – {{label}}',
  },
  csat: {
    pageTitle: 'Your feedback',
    question: 'How satisfied are you with how we handled your request?',
    intro: 'You recently contacted {{branchName}} (request #{{ticketNumber}}).',
    ratingLegend: 'Your answer',
    reasonLabel: 'If something went wrong, what was it? (optional)',
    reasonNone: 'No reason chosen',
    commentLabel: 'Anything you would like to add? (optional)',
    submit: 'Send my answer',
    submitComment: 'Send my comment',
    onRecord: 'Your answer on record: {{answer}}.',
    changeFor_one: 'You can still change it for {{count}} minute.',
    changeFor_other: 'You can still change it for {{count}} minutes.',
    changePrompt: 'Choose another answer and send it to change it.',
    addComment: 'Would you like to tell us more?',
    changed: 'We have changed your answer to {{answer}}.',
    thanks: {
      unhappy: { title: 'We are sorry', body: 'Thank you for telling us. We have recorded your answer ({{answer}}) and passed it on to the team, who will get back to you.' },
      neutral: { title: 'Thank you for your answer', body: 'We have recorded your answer ({{answer}}). It helps us do better.' },
      happy: { title: 'Thank you!', body: 'We are glad we could help. We have recorded your answer ({{answer}}).' },
    },
    commented: { title: 'Thank you for your comment', body: 'We have added it to your answer ({{answer}}).' },
    alreadyAnswered: { title: 'You have already answered', body: 'We have your answer {{answer}}, given on {{date}}. It can no longer be changed.' },
    closed: {
      title: 'This survey is closed',
      body_one: 'It was open for {{count}} day after we resolved your request. If something is still wrong, just reply to our e-mail.',
      body_other: 'It was open for {{count}} days after we resolved your request. If something is still wrong, just reply to our e-mail.',
    },
    invalid: { title: 'This link is not valid', body: 'Please use the link in the most recent e-mail we sent you.' },
    notReady: { title: 'One moment, please', body: 'Your survey is still being prepared. Nothing has been recorded yet; please try again in a minute.' },
    unavailable: { title: 'We cannot record your answer right now', body: 'Nothing has been recorded. Please try again in a few minutes.' },
    chooseScore: 'Please choose an answer.',
    crossSite: { title: 'This form can only be sent from our page', body: 'Nothing has been recorded. Please open the link in our e-mail and send your answer from there.' },
    rateLimited: { title: 'Too many attempts', body: 'Nothing has been recorded. Please wait a minute and send your answer again.' },
  },
  mail: {
    greeting: 'Hello {{name}},',
    greetingNoName: 'Hello,',
    customerNameFallback: 'there',
    reply: {
      subject: 'Your feedback about {{branchName}} [#{{ticketNumber}}]',
      text: '{{body}}\n\n— {{agentName}}, {{organisationName}}',
    },
    csat_survey: {
      subject: 'How did we do? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nWe have resolved your request to {{branchName}}. How satisfied are you with how we handled it?\n\n{{scoreLinks}}\n\nIf we did not fix it, just reply to this e-mail.',
    },
    csat_reminder: {
      subject: 'A quick reminder: how did we do? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nA few days ago we resolved your request to {{branchName}}. If you have a moment, tell us how we did:\n\n{{scoreLinks}}\n\nIf something is still not right, just reply to this e-mail.',
    },
    advocacy_ask: {
      subject: 'Thank you for your feedback about {{branchName}}',
      text: '{{greeting}}\n\nThank you for the great rating. Would you share it in a public review? It takes a minute:\n{{reviewUrl}}\n\n{{organisationName}}',
    },
  },
};
