import { collectFr } from './collect/fr';
import type { Resource } from './resource';

export const fr: Resource = {
  collect: collectFr, // the collection pages: domain/i18n/collect/fr.ts
  score: {
    five: { '1': 'Très insatisfait', '2': 'Insatisfait', '3': 'Correct', '4': 'Satisfait', '5': 'Très satisfait' },
    smile: { '1': 'Insatisfait', '3': 'Correct', '5': 'Satisfait' },
    outOfFive: '{{score}} sur 5 – {{label}}',
  },
  csat: {
    pageTitle: 'Votre avis',
    question: 'Êtes-vous satisfait de la façon dont nous avons traité votre demande ?',
    intro: 'Vous avez récemment contacté {{branchName}} (demande n° {{ticketNumber}}).',
    ratingLegend: 'Votre réponse',
    reasonLabel: 'Si quelque chose n’a pas été, de quoi s’agissait-il ? (facultatif)',
    reasonNone: 'Aucune raison choisie',
    commentLabel: 'Souhaitez-vous ajouter quelque chose ? (facultatif)',
    submit: 'Envoyer ma réponse',
    submitComment: 'Envoyer mon commentaire',
    onRecord: 'Votre réponse enregistrée : {{answer}}.',
    changeFor_one: 'Vous pouvez encore la modifier pendant {{count}} minute.',
    changeFor_many: 'Vous pouvez encore la modifier pendant {{count}} minutes.',
    changeFor_other: 'Vous pouvez encore la modifier pendant {{count}} minutes.',
    changePrompt: 'Choisissez une autre réponse et envoyez-la pour la modifier.',
    addComment: 'Souhaitez-vous nous en dire plus ?',
    changed: 'Nous avons modifié votre réponse : {{answer}}.',
    thanks: {
      unhappy: { title: 'Nous sommes désolés', body: 'Merci de nous l’avoir dit. Nous avons enregistré votre réponse ({{answer}}) et l’avons transmise à l’équipe, qui reviendra vers vous.' },
      neutral: { title: 'Merci pour votre réponse', body: 'Nous avons enregistré votre réponse ({{answer}}). Elle nous aide à nous améliorer.' },
      happy: { title: 'Merci !', body: 'Nous sommes ravis d’avoir pu vous aider. Nous avons enregistré votre réponse ({{answer}}).' },
    },
    commented: { title: 'Merci pour votre commentaire', body: 'Nous l’avons ajouté à votre réponse ({{answer}}).' },
    alreadyAnswered: { title: 'Vous avez déjà répondu', body: 'Nous avons votre réponse {{answer}}, donnée le {{date}}. Elle ne peut plus être modifiée.' },
    closed: {
      title: 'Ce questionnaire est clos',
      body_one: 'Il était ouvert pendant {{count}} jour après la résolution de votre demande. Si quelque chose ne va toujours pas, répondez simplement à notre e-mail.',
      body_many: 'Il était ouvert pendant {{count}} jours après la résolution de votre demande. Si quelque chose ne va toujours pas, répondez simplement à notre e-mail.',
      body_other: 'Il était ouvert pendant {{count}} jours après la résolution de votre demande. Si quelque chose ne va toujours pas, répondez simplement à notre e-mail.',
    },
    invalid: { title: 'Ce lien n’est pas valide', body: 'Veuillez utiliser le lien du dernier e-mail que nous vous avons envoyé.' },
    notReady: { title: 'Un instant, s’il vous plaît', body: 'Votre questionnaire est en cours de préparation. Rien n’a encore été enregistré ; veuillez réessayer dans une minute.' },
    unavailable: { title: 'Nous ne pouvons pas enregistrer votre réponse pour le moment', body: 'Rien n’a été enregistré. Veuillez réessayer dans quelques minutes.' },
    chooseScore: 'Veuillez choisir une réponse.',
    crossSite: { title: 'Ce formulaire ne peut être envoyé que depuis notre page', body: 'Rien n’a été enregistré. Veuillez ouvrir le lien de notre e-mail et envoyer votre réponse depuis cette page.' },
    rateLimited: { title: 'Trop de tentatives', body: 'Rien n’a été enregistré. Veuillez patienter une minute, puis renvoyer votre réponse.' },
  },
  mail: {
    greeting: 'Bonjour {{name}},',
    greetingNoName: 'Bonjour,',
    customerNameFallback: '',
    reply: {
      subject: 'Votre avis sur {{branchName}} [#{{ticketNumber}}]',
      text: '{{body}}\n\n— {{agentName}}, {{organisationName}}',
    },
    csat_survey: {
      subject: 'Comment avons-nous fait ? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nNous avons résolu votre demande auprès de {{branchName}}. Êtes-vous satisfait de la façon dont nous l’avons traitée ?\n\n{{scoreLinks}}\n\nSi le problème n’est pas réglé, répondez simplement à cet e-mail.',
    },
    csat_reminder: {
      subject: 'Petit rappel : comment avons-nous fait ? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nIl y a quelques jours, nous avons résolu votre demande auprès de {{branchName}}. Si vous avez un moment, dites-nous comment nous avons fait :\n\n{{scoreLinks}}\n\nSi quelque chose ne va toujours pas, répondez simplement à cet e-mail.',
    },
    advocacy_ask: {
      subject: 'Merci pour votre avis sur {{branchName}}',
      text: '{{greeting}}\n\nMerci pour votre excellente note. Accepteriez-vous de la partager dans un avis public ? Cela prend une minute :\n{{reviewUrl}}\n\n{{organisationName}}',
    },
  },
};
