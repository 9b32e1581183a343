// The caseworker area of `npm start` (/caseworker/): offers the demo accounts of examples/demo-tokens.json to
// <cf-case-inbox>, and a language switch. DEMO ONLY: a real deployment signs caseworkers in with its own login.
import { switchLanguages } from './languages.js';

const inbox = document.querySelector('cf-case-inbox');
// The accounts name each role in the page's language.
const accounts = await (await fetch(`/caseworker/demo-accounts.json?lang=${document.documentElement.lang === 'en' ? 'en' : 'de'}`)).json();
inbox.accounts = accounts;
switchLanguages(inbox);
