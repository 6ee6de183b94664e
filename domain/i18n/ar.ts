import { collectAr } from './collect/ar';
import type { Resource } from './resource';

// Arabic: right-to-left (dir() says so); plurals in all six forms Intl.PluralRules('ar') names.
export const ar: Resource = {
  collect: collectAr, // the collection pages: domain/i18n/collect/ar.ts
  score: {
    five: { '1': 'غير راضٍ إطلاقًا', '2': 'غير راضٍ', '3': 'مقبول', '4': 'راضٍ', '5': 'راضٍ جدًا' },
    smile: { '1': 'غير راضٍ', '3': 'مقبول', '5': 'راضٍ' },
    outOfFive: '{{score}} من 5 – {{label}}',
  },
  csat: {
    pageTitle: 'رأيك',
    question: 'ما مدى رضاك عن طريقة تعاملنا مع طلبك؟',
    intro: 'تواصلت مؤخرًا مع {{branchName}} (الطلب رقم {{ticketNumber}}).',
    ratingLegend: 'إجابتك',
    reasonLabel: 'إذا حدث خطأ ما، فما هو؟ (اختياري)',
    reasonNone: 'لم يتم اختيار سبب',
    commentLabel: 'هل تود إضافة شيء؟ (اختياري)',
    submit: 'أرسل إجابتي',
    submitComment: 'أرسل تعليقي',
    onRecord: 'إجابتك المسجلة: {{answer}}.',
    changeFor_zero: 'لم يعد بإمكانك تغييرها.',
    changeFor_one: 'يمكنك تغييرها خلال دقيقة واحدة.',
    changeFor_two: 'يمكنك تغييرها خلال دقيقتين.',
    changeFor_few: 'يمكنك تغييرها خلال {{count}} دقائق.',
    changeFor_many: 'يمكنك تغييرها خلال {{count}} دقيقة.',
    changeFor_other: 'يمكنك تغييرها خلال {{count}} دقيقة.',
    changePrompt: 'اختر إجابة أخرى وأرسلها لتغييرها.',
    addComment: 'هل تود أن تخبرنا بالمزيد؟',
    changed: 'لقد غيّرنا إجابتك إلى {{answer}}.',
    thanks: {
      unhappy: { title: 'نحن آسفون', body: 'شكرًا لإخبارنا. سجّلنا إجابتك ({{answer}}) وأحلناها إلى الفريق الذي سيتواصل معك.' },
      neutral: { title: 'شكرًا على إجابتك', body: 'سجّلنا إجابتك ({{answer}}). إنها تساعدنا على التحسن.' },
      happy: { title: 'شكرًا لك!', body: 'يسعدنا أننا استطعنا المساعدة. سجّلنا إجابتك ({{answer}}).' },
    },
    commented: { title: 'شكرًا على تعليقك', body: 'أضفناه إلى إجابتك ({{answer}}).' },
    alreadyAnswered: { title: 'لقد أجبت بالفعل', body: 'لدينا إجابتك {{answer}} بتاريخ {{date}}. لم يعد من الممكن تغييرها.' },
    closed: {
      title: 'هذا الاستبيان مغلق',
      body_zero: 'لم يكن مفتوحًا بعد حل طلبك. إذا كان هناك خطأ ما، فقط رُدّ على رسالتنا.',
      body_one: 'كان مفتوحًا يومًا واحدًا بعد حل طلبك. إذا كان هناك خطأ ما، فقط رُدّ على رسالتنا.',
      body_two: 'كان مفتوحًا يومين بعد حل طلبك. إذا كان هناك خطأ ما، فقط رُدّ على رسالتنا.',
      body_few: 'كان مفتوحًا {{count}} أيام بعد حل طلبك. إذا كان هناك خطأ ما، فقط رُدّ على رسالتنا.',
      body_many: 'كان مفتوحًا {{count}} يومًا بعد حل طلبك. إذا كان هناك خطأ ما، فقط رُدّ على رسالتنا.',
      body_other: 'كان مفتوحًا {{count}} يوم بعد حل طلبك. إذا كان هناك خطأ ما، فقط رُدّ على رسالتنا.',
    },
    invalid: { title: 'هذا الرابط غير صالح', body: 'يرجى استخدام الرابط الموجود في أحدث رسالة أرسلناها إليك.' },
    notReady: { title: 'لحظة من فضلك', body: 'لا يزال الاستبيان قيد التحضير. لم يُسجَّل شيء بعد؛ يرجى المحاولة مرة أخرى بعد دقيقة.' },
    unavailable: { title: 'لا يمكننا تسجيل إجابتك الآن', body: 'لم يُسجَّل شيء. يرجى المحاولة مرة أخرى بعد بضع دقائق.' },
    chooseScore: 'يرجى اختيار إجابة.',
    crossSite: { title: 'لا يمكن إرسال هذا النموذج إلا من صفحتنا', body: 'لم يُسجَّل شيء. يرجى فتح الرابط في رسالتنا وإرسال إجابتك من هناك.' },
    rateLimited: { title: 'محاولات كثيرة جدًا', body: 'لم يُسجَّل شيء. يرجى الانتظار دقيقة ثم إرسال إجابتك مرة أخرى.' },
  },
  mail: {
    greeting: 'مرحبًا {{name}}،',
    greetingNoName: 'مرحبًا،',
    customerNameFallback: '',
    reply: {
      subject: 'ملاحظاتك حول {{branchName}} [#{{ticketNumber}}]',
      text: '{{body}}\n\n— {{agentName}}، {{organisationName}}',
    },
    csat_survey: {
      subject: 'كيف كان أداؤنا؟ [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nلقد حللنا طلبك لدى {{branchName}}. ما مدى رضاك عن طريقة تعاملنا معه؟\n\n{{scoreLinks}}\n\nإذا لم تُحل المشكلة، فقط رُدّ على هذه الرسالة.',
    },
    csat_reminder: {
      subject: 'تذكير سريع: كيف كان أداؤنا؟ [#{{ticketNumber}}]',
      text: '{{greeting}}\n\nقبل بضعة أيام حللنا طلبك لدى {{branchName}}. إذا كان لديك دقيقة، أخبرنا كيف كان أداؤنا:\n\n{{scoreLinks}}\n\nإذا كان هناك شيء لا يزال غير صحيح، فقط رُدّ على هذه الرسالة.',
    },
    advocacy_ask: {
      subject: 'شكرًا على ملاحظاتك حول {{branchName}}',
      text: '{{greeting}}\n\nشكرًا على تقييمك الرائع. هل تود مشاركته في مراجعة عامة؟ لن يستغرق ذلك سوى دقيقة:\n{{reviewUrl}}\n\n{{organisationName}}',
    },
  },
};
