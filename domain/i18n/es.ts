import { collectEs } from './collect/es';
import type { Resource } from './resource';

export const es: Resource = {
  collect: collectEs, // the collection pages: domain/i18n/collect/es.ts
  score: {
    five: { '1': 'Muy insatisfecho', '2': 'Insatisfecho', '3': 'Regular', '4': 'Satisfecho', '5': 'Muy satisfecho' },
    smile: { '1': 'Insatisfecho', '3': 'Regular', '5': 'Satisfecho' },
    outOfFive: '{{score}} de 5 – {{label}}',
  },
  csat: {
    pageTitle: 'Su opinión',
    question: '¿Qué tan satisfecho está con la forma en que atendimos su solicitud?',
    intro: 'Hace poco se puso en contacto con {{branchName}} (solicitud n.º {{ticketNumber}}).',
    ratingLegend: 'Su respuesta',
    reasonLabel: 'Si algo salió mal, ¿qué fue? (opcional)',
    reasonNone: 'Ningún motivo elegido',
    commentLabel: '¿Quiere añadir algo? (opcional)',
    submit: 'Enviar mi respuesta',
    submitComment: 'Enviar mi comentario',
    onRecord: 'Su respuesta registrada: {{answer}}.',
    changeFor_one: 'Aún puede cambiarla durante {{count}} minuto.',
    changeFor_many: 'Aún puede cambiarla durante {{count}} minutos.',
    changeFor_other: 'Aún puede cambiarla durante {{count}} minutos.',
    changePrompt: 'Elija otra respuesta y envíela para cambiarla.',
    addComment: '¿Quiere contarnos algo más?',
    changed: 'Hemos cambiado su respuesta a {{answer}}.',
    thanks: {
      unhappy: { title: 'Lo sentimos', body: 'Gracias por decírnoslo. Hemos registrado su respuesta ({{answer}}) y la hemos pasado al equipo, que se pondrá en contacto con usted.' },
      neutral: { title: 'Gracias por su respuesta', body: 'Hemos registrado su respuesta ({{answer}}). Nos ayuda a mejorar.' },
      happy: { title: '¡Gracias!', body: 'Nos alegra haber podido ayudarle. Hemos registrado su respuesta ({{answer}}).' },
    },
    commented: { title: 'Gracias por su comentario', body: 'Lo hemos añadido a su respuesta ({{answer}}).' },
    alreadyAnswered: { title: 'Ya ha respondido', body: 'Tenemos su respuesta {{answer}}, dada el {{date}}. Ya no se puede cambiar.' },
    closed: {
      title: 'Esta encuesta está cerrada',
      body_one: 'Estuvo abierta {{count}} día después de resolver su solicitud. Si algo sigue mal, responda a nuestro correo.',
      body_many: 'Estuvo abierta {{count}} días después de resolver su solicitud. Si algo sigue mal, responda a nuestro correo.',
      body_other: 'Estuvo abierta {{count}} días después de resolver su solicitud. Si algo sigue mal, responda a nuestro correo.',
    },
    invalid: { title: 'Este enlace no es válido', body: 'Utilice el enlace del correo más reciente que le enviamos.' },
    notReady: { title: 'Un momento, por favor', body: 'Su encuesta aún se está preparando. Todavía no se ha registrado nada; inténtelo de nuevo en un minuto.' },
    unavailable: { title: 'Ahora no podemos registrar su respuesta', body: 'No se ha registrado nada. Inténtelo de nuevo en unos minutos.' },
    chooseScore: 'Elija una respuesta.',
    crossSite: { title: 'Este formulario solo se puede enviar desde nuestra página', body: 'No se ha registrado nada. Abra el enlace de nuestro correo y envíe su respuesta desde allí.' },
    rateLimited: { title: 'Demasiados intentos', body: 'No se ha registrado nada. Espere un minuto y vuelva a enviar su respuesta.' },
  },
  mail: {
    greeting: 'Hola, {{name}}:',
    greetingNoName: 'Hola:',
    customerNameFallback: '',
    reply: {
      subject: 'Su opinión sobre {{branchName}} [#{{ticketNumber}}]',
      text: '{{body}}\n\n— {{agentName}}, {{organisationName}}',
    },
    csat_survey: {
      subject: '¿Qué tal lo hicimos? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nHemos resuelto su solicitud a {{branchName}}. ¿Qué tan satisfecho está con la forma en que la atendimos?\n\n{{scoreLinks}}\n\nSi no lo hemos solucionado, responda a este correo.',
    },
    csat_reminder: {
      subject: 'Un breve recordatorio: ¿qué tal lo hicimos? [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nHace unos días resolvimos su solicitud a {{branchName}}. Si tiene un momento, díganos qué tal lo hicimos:\n\n{{scoreLinks}}\n\nSi algo sigue sin estar bien, responda a este correo.',
    },
    advocacy_ask: {
      subject: 'Gracias por su opinión sobre {{branchName}}',
      text: '{{greeting}}\n\nGracias por su excelente valoración. ¿La compartiría en una reseña pública? Solo lleva un minuto:\n{{reviewUrl}}\n\n{{organisationName}}',
    },
  },
};
