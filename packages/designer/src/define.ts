// Registers <cf-program-designer>. Its preview is <cf-form>: the host registers that too
// (`@civicflow/elements/define`), as the designer's bundle does (bundle.js).
import { CfProgramDesigner } from './designer/program-designer.js';

if (!customElements.get('cf-program-designer')) customElements.define('cf-program-designer', CfProgramDesigner);

export { CfProgramDesigner };
