// Helpers for browser tests against the real civicflow server that web-test-runner starts
// (scripts/wtr-api-server.mjs forwards /v1/... to it). Test data comes from examples/.

/** Demo bearer tokens of examples/demo-tokens.json. */
export const DEMO = {
  coach: 'demo-only-zweite-chance-coach',
  jobcentre: 'demo-only-zweite-chance-jobcentre',
  hagenAdvisor: 'demo-only-hagen-advisor',
} as const;

export interface Receipt {
  reference: string;
  caseId: string;
  token: string;
}

/** The `data` of a case file in examples/<program>/cases/. */
export async function exampleData(program: string, file: string): Promise<Record<string, unknown>> {
  const res = await fetch(`/examples/${program}/cases/${file}`);
  return ((await res.json()) as { data: Record<string, unknown> }).data;
}

/** Signs a person up for Zweite Chance as the site does: the intake form, no credentials. */
export async function registerForZweiteChance(file = 'valid-minimal.json'): Promise<Receipt> {
  const res = await fetch('/v1/programs/zweite-chance/versions/1.0.0/submissions?form=intake', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${crypto.randomUUID()}` },
    body: JSON.stringify(await exampleData('zweite-chance', file)),
  });
  if (res.status !== 201) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Receipt;
}

/** Sends a workflow event as a caseworker; returns the HTTP status and the answer. */
export async function sendEvent(token: string, caseId: string, version: number, type: string, data?: unknown): Promise<{ status: number; body: { case?: { version: number; state: string } } }> {
  const res = await fetch(`/v1/cases/${caseId}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'If-Match': `"${version}"` },
    body: JSON.stringify(data === undefined ? { type } : { type, data }),
  });
  return { status: res.status, body: (await res.json()) as { case?: { version: number; state: string } } };
}
