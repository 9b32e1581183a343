// Registers <cf-program-report>. A module of its own, so the intake widget's bundle (src/define.ts) never carries
// the report's charts.
import { CfProgramReport } from './program-report.js';

if (!customElements.get('cf-program-report')) customElements.define('cf-program-report', CfProgramReport);

export { CfProgramReport };
