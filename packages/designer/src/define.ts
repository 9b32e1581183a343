// Registers <cf-program-designer>, its workflow diagram <cf-workflow-view>, its workflow outline <cf-workflow-outline>,
// its roles table <cf-roles-table>, its simulation <cf-simulation-panel>, its server mode <cf-draft-panel> and its
// new-program form <cf-program-start>. Its preview is <cf-form>: the host registers that too
// (`@civicflow/elements/define`), as the designer's bundle does (bundle.js).
import { CfProgramDesigner } from './designer/program-designer.js';
import { CfWorkflowView } from './workflow/workflow-view.js';
import { CfWorkflowOutline } from './workflow/workflow-outline.js';
import { CfRolesTable } from './workflow/roles-table.js';
import { CfSimulationPanel } from './workflow/simulation-panel.js';
import { CfDraftPanel } from './server/draft-panel.js';
import { CfProgramStart } from './start/program-start.js';

if (!customElements.get('cf-workflow-view')) customElements.define('cf-workflow-view', CfWorkflowView);
if (!customElements.get('cf-workflow-outline')) customElements.define('cf-workflow-outline', CfWorkflowOutline);
if (!customElements.get('cf-roles-table')) customElements.define('cf-roles-table', CfRolesTable);
if (!customElements.get('cf-simulation-panel')) customElements.define('cf-simulation-panel', CfSimulationPanel);
if (!customElements.get('cf-draft-panel')) customElements.define('cf-draft-panel', CfDraftPanel);
if (!customElements.get('cf-program-start')) customElements.define('cf-program-start', CfProgramStart);
if (!customElements.get('cf-program-designer')) customElements.define('cf-program-designer', CfProgramDesigner);

export { CfProgramDesigner, CfWorkflowView, CfWorkflowOutline, CfRolesTable, CfSimulationPanel, CfDraftPanel, CfProgramStart };
