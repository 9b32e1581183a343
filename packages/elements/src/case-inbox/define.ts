// Registers <cf-case-inbox> and, for the forms of its events, <cf-form> with its parts.
import '../define.js';
import { CfCaseInbox } from './case-inbox.js';

if (!customElements.get('cf-case-inbox')) customElements.define('cf-case-inbox', CfCaseInbox);

export { CfCaseInbox };
