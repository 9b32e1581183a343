// Registers <cf-review> once. The sending code imports this (the embed build puts <cf-review> and the reading of
// the answers into cf-form.sending.js); define.ts registers it with the other elements for the package.
import { CfReview } from './review.js';

if (!customElements.get('cf-review')) customElements.define('cf-review', CfReview);
