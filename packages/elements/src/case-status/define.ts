// Registers <cf-case-status>. A module of its own, so the applicant's status page never loads the inbox; <cf-form>
// (with its parts) is imported by the element only when the applicant opens a step that has a form.
import { CfCaseStatus } from './case-status.js';

if (!customElements.get('cf-case-status')) customElements.define('cf-case-status', CfCaseStatus);

export { CfCaseStatus };
