// Registers <cf-program-designer>, its workflow diagram <cf-workflow-view>, its workflow outline <cf-workflow-outline> and its roles table <cf-roles-table>. Its preview is <cf-form>: the host registers that too
// (`@civicflow/elements/define`), as the designer's bundle does (bundle.js).
import { CfProgramDesigner } from './designer/program-designer.js';
import { CfWorkflowView } from './workflow/workflow-view.js';
import { CfRolesTable } from './workflow/roles-table.js';
import { CfWorkflowOutline } from './workflow/workflow-outline.js';

if (!customElements.get('cf-workflow-view')) customElements.define('cf-workflow-view', CfWorkflowView);
if (!customElements.get('cf-workflow-outline')) customElements.define('cf-workflow-outline', CfWorkflowOutline);
if (!customElements.get('cf-roles-table')) customElements.define('cf-roles-table', CfRolesTable);
if (!customElements.get('cf-program-designer')) customElements.define('cf-program-designer', CfProgramDesigner);

export { CfProgramDesigner, CfWorkflowView, CfWorkflowOutline, CfRolesTable };
