// The applicant status page of `npm start` (/status/): a language switch for <cf-case-status>. The token stays
// in the address's fragment (#token=…), where the element reads it.
import { switchLanguages } from './languages.js';

const status = document.querySelector('cf-case-status');
switchLanguages(status);
