// Registers <cf-case-status>. A module of its own, so the applicant's status page loads neither the form nor the inbox.
import { CfCaseStatus } from './case-status.js';

if (!customElements.get('cf-case-status')) customElements.define('cf-case-status', CfCaseStatus);

export { CfCaseStatus };
