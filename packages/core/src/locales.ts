// Core's words (validation messages, answer words) in each locale beyond German and English, one module each: the
// widget's second file of a locale's words (`cf-form.locale-<tag>-later.js`) brings that locale's along, so a page
// loads only the language it shows. Internal to civicflow; `loadLocaleWords` is the public way to load them.
/** @internal */
export { words as ar } from './messages/locales/ar.js';
/** @internal */
export { words as bg } from './messages/locales/bg.js';
/** @internal */
export { words as deXLs } from './messages/locales/de-x-ls.js';
/** @internal */
export { words as ro } from './messages/locales/ro.js';
/** @internal */
export { words as ru } from './messages/locales/ru.js';
/** @internal */
export { words as tr } from './messages/locales/tr.js';
/** @internal */
export { words as uk } from './messages/locales/uk.js';
