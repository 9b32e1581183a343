// axe-core in browser tests: loaded once from node_modules, run with the WCAG 2.x A/AA rules.

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[];
}

/** WCAG 2.x A/AA violations axe-core finds in an element, as readable lines. */
export async function axeViolations(element: Element, where: string): Promise<string[]> {
  const w = window as unknown as { axe?: { run(context: Element, options: object): Promise<AxeResult> } };
  if (!w.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
  }
  const result = await w.axe!.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
  return result.violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target).slice(0, 3))}`);
}
