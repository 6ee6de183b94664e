import { collectDe } from './collect/de';
import type { Resource } from './resource';

export const de: Resource = {
  collect: collectDe, // the collection pages: domain/i18n/collect/de.ts
  score: {
    five: { '1': 'Sehr unzufrieden', '2': 'Unzufrieden', '3': 'Geht so', '4': 'Zufrieden', '5': 'Sehr zufrieden' },
    smile: { '1': 'Unzufrieden', '3': 'Geht so', '5': 'Zufrieden' },
    outOfFive: '{{score}} von 5 – {{label}}',
  },
  csat: {
    pageTitle: 'Ihre Meinung',
    question: 'Wie zufrieden sind Sie damit, wie wir Ihr Anliegen bearbeitet haben?',
    intro: 'Sie haben sich kürzlich an {{branchName}} gewandt (Anfrage #{{ticketNumber}}).',
    ratingLegend: 'Ihre Antwort',
    reasonLabel: 'Falls etwas schiefging: was war es? (optional)',
    reasonNone: 'Kein Grund gewählt',
    commentLabel: 'Möchten Sie noch etwas hinzufügen? (optional)',
    submit: 'Antwort senden',
    submitComment: 'Kommentar senden',
    onRecord: 'Ihre gespeicherte Antwort: {{answer}}.',
    changeFor_one: 'Sie können sie noch {{count}} Minute lang ändern.',
    changeFor_other: 'Sie können sie noch {{count}} Minuten lang ändern.',
    changePrompt: 'Wählen Sie eine andere Antwort und senden Sie sie, um sie zu ändern.',
    addComment: 'Möchten Sie uns mehr erzählen?',
    changed: 'Wir haben Ihre Antwort auf {{answer}} geändert.',
    thanks: {
      unhappy: { title: 'Das tut uns leid', body: 'Danke, dass Sie es uns sagen. Wir haben Ihre Antwort ({{answer}}) gespeichert und an das Team weitergegeben, das sich bei Ihnen melden wird.' },
      neutral: { title: 'Danke für Ihre Antwort', body: 'Wir haben Ihre Antwort ({{answer}}) gespeichert. Sie hilft uns, besser zu werden.' },
      happy: { title: 'Vielen Dank!', body: 'Wir freuen uns, dass wir helfen konnten. Wir haben Ihre Antwort ({{answer}}) gespeichert.' },
    },
    commented: { title: 'Danke für Ihren Kommentar', body: 'Wir haben ihn zu Ihrer Antwort ({{answer}}) hinzugefügt.' },
    alreadyAnswered: { title: 'Sie haben bereits geantwortet', body: 'Wir haben Ihre Antwort {{answer}} vom {{date}}. Sie kann nicht mehr geändert werden.' },
    closed: {
      title: 'Diese Umfrage ist geschlossen',
      body_one: 'Sie war {{count}} Tag lang nach der Erledigung Ihres Anliegens offen. Wenn noch etwas nicht stimmt, antworten Sie einfach auf unsere E-Mail.',
      body_other: 'Sie war {{count}} Tage lang nach der Erledigung Ihres Anliegens offen. Wenn noch etwas nicht stimmt, antworten Sie einfach auf unsere E-Mail.',
    },
    invalid: { title: 'Dieser Link ist nicht gültig', body: 'Bitte verwenden Sie den Link aus unserer letzten E-Mail an Sie.' },
    notReady: { title: 'Einen Moment bitte', body: 'Ihre Umfrage wird noch vorbereitet. Es wurde noch nichts gespeichert; bitte versuchen Sie es in einer Minute noch einmal.' },
    unavailable: { title: 'Wir können Ihre Antwort gerade nicht speichern', body: 'Es wurde nichts gespeichert. Bitte versuchen Sie es in ein paar Minuten noch einmal.' },
    chooseScore: 'Bitte wählen Sie eine Antwort.',
    crossSite: { title: 'Dieses Formular kann nur von unserer Seite gesendet werden', body: 'Es wurde nichts gespeichert. Bitte öffnen Sie den Link in unserer E-Mail und senden Sie Ihre Antwort dort.' },
    rateLimited: { title: 'Zu viele Versuche', body: 'Es wurde nichts gespeichert. Bitte warten Sie eine Minute und senden Sie Ihre Antwort erneut.' },
  },
  mail: {
    greeting: 'Hallo {{name}},',
    greetingNoName: 'Guten Tag,',
    customerNameFallback: 'zusammen',
    reply: {
      subject: 'Ihr Feedback zu {{branchName}} [#{{ticketNumber}}]',
      text: '{{body}}\n\n— {{agentName}}, {{organisationName}}',
    },
    csat_survey: {
      subject: 'Wie war unser Service? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nwir haben Ihr Anliegen an {{branchName}} erledigt. Wie zufrieden sind Sie damit, wie wir es bearbeitet haben?\n\n{{scoreLinks}}\n\nWenn das Problem nicht gelöst ist, antworten Sie einfach auf diese E-Mail.',
    },
    csat_reminder: {
      subject: 'Kurze Erinnerung: Wie war unser Service? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nvor ein paar Tagen haben wir Ihr Anliegen an {{branchName}} erledigt. Wenn Sie einen Moment Zeit haben, sagen Sie uns, wie wir es gemacht haben:\n\n{{scoreLinks}}\n\nWenn noch etwas nicht stimmt, antworten Sie einfach auf diese E-Mail.',
    },
    advocacy_ask: {
      subject: 'Danke für Ihr Feedback zu {{branchName}}',
      text: '{{greeting}}\n\nvielen Dank für die tolle Bewertung. Würden Sie sie in einer öffentlichen Rezension teilen? Es dauert nur eine Minute:\n{{reviewUrl}}\n\n{{organisationName}}',
    },
  },
};
