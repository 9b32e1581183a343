// The host page's own script: one language for the whole page. Choosing a language sets `<html lang>`, the page's own
// words and the widget's `locale` together, so the page never says it is English while it reads German. Whatever
// sets the widget's `locale` attribute (these buttons, or another script) brings the page along.
const form = document.querySelector('cf-form');
const buttons = document.querySelectorAll('.languages button');

// The page's words, by the `data-text` (content) and `data-label` (aria-label) names in index.html.
const words = {
  de: {
    title: 'Zweite Chance – Anmeldung · Stadt Eichenhain',
    skip: 'Zum Inhalt springen',
    town: 'Stadt',
    mainnav: 'Hauptnavigation',
    townHall: 'Rathaus & Verwaltung',
    social: 'Soziales & Familie',
    work: 'Arbeit & Wirtschaft',
    living: 'Leben in Eichenhain',
    breadcrumb: 'Sie sind hier',
    home: 'Startseite',
    homeless: 'Hilfe bei Wohnungslosigkeit',
    signUp: 'Zweite Chance – Anmeldung',
    heading: 'Zweite Chance: Begleitung in Arbeit',
    lead: 'Sie haben keine Wohnung oder bekommen Grundsicherung und möchten wieder arbeiten? Das Team von Zweite Chance begleitet Sie persönlich. Die Anmeldung dauert etwa zehn Minuten; Sie können jederzeit unterbrechen.',
    contact: 'Kontakt',
    inPerson: 'Lieber persönlich?',
    office: 'Sie können sich auch im Bürgerbüro anmelden. Wir helfen Ihnen beim Ausfüllen.',
    officeName: 'Bürgerbüro Eichenhain',
    phone: 'Telefon',
    hours: 'Öffnungszeiten',
    weekdays: 'Mo–Fr 8–13 Uhr',
    thursday: 'Do 14–18 Uhr',
    imprint: 'Impressum',
    privacy: 'Datenschutz',
    accessibility: 'Barrierefreiheit',
    invented: 'Stadt Eichenhain – ein erfundener Ort für die civicflow-Beispiele.',
    status: 'Wo steht meine Anmeldung? Zur Statusseite (Link bitte aufbewahren)',
  },
  en: {
    title: 'Second Chance – sign-up · Town of Eichenhain',
    skip: 'Skip to content',
    town: 'Town of',
    mainnav: 'Main navigation',
    townHall: 'Town hall & administration',
    social: 'Social affairs & family',
    work: 'Work & business',
    living: 'Living in Eichenhain',
    breadcrumb: 'You are here',
    home: 'Home',
    homeless: 'Help for people without a home',
    signUp: 'Second Chance – sign-up',
    heading: 'Second Chance: support on the way to work',
    lead: 'You have no home or receive basic income support, and you want to work again? The Second Chance team supports you in person. Signing up takes about ten minutes; you can stop at any time.',
    contact: 'Contact',
    inPerson: 'Rather in person?',
    office: 'You can also sign up at the citizens’ office. We help you fill in the form.',
    officeName: 'Citizens’ office Eichenhain',
    phone: 'Phone',
    hours: 'Opening hours',
    weekdays: 'Mon–Fri 8 am – 1 pm',
    thursday: 'Thu 2 pm – 6 pm',
    imprint: 'Legal notice',
    privacy: 'Privacy',
    accessibility: 'Accessibility',
    invented: 'Town of Eichenhain – an invented place for the civicflow examples.',
    status: 'Where does my sign-up stand? Go to the status page (please keep the link)',
  },
};

const statusLink = document.getElementById('status-link');

function showLanguage(lang) {
  const w = words[lang] ?? words.de;
  document.documentElement.lang = lang in words ? lang : 'de';
  document.title = w.title;
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = w[el.dataset.text];
  for (const el of document.querySelectorAll('[data-label]')) el.setAttribute('aria-label', w[el.dataset.label]);
  for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === document.documentElement.lang));
  if (!statusLink.hidden) {
    const link = statusLink.querySelector('a');
    link.textContent = w.status;
    link.href = `/status/?lang=${document.documentElement.lang}${link.hash}`;
  }
}

for (const button of buttons) button.addEventListener('click', () => form.setAttribute('locale', button.dataset.lang));
// The widget's language is the page's: every change of its `locale`, whoever made it, changes the page's words.
new MutationObserver(() => showLanguage(form.getAttribute('locale') ?? 'de')).observe(form, { attributes: true, attributeFilter: ['locale'] });

form.addEventListener('cf-submitted', (e) => {
  console.info('civicflow: submitted, reference', e.detail.reference);
  // The token stays in the fragment: browsers send it neither to the server nor in a Referer.
  const token = e.detail.response?.token;
  if (typeof token !== 'string') return;
  statusLink.querySelector('a').hash = `token=${encodeURIComponent(token)}`;
  statusLink.hidden = false;
  showLanguage(document.documentElement.lang);
});
