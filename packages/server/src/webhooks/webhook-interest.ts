/**
 * What a store last learned about which webhook events of a program some subscription wants, from the answers of the
 * submission statement. Only a hint, never trusted alone: an event it believes unwanted is sent to the statement
 * without its bodies, and the statement stores nothing when a subscription (made by any process sharing the
 * database) wants it after all; the store then renders the bodies and runs it again.
 */
export interface WebhookInterest {
  /** Whether to render the bodies of the program's event `topic`: yes, unless the last answer found no subscription for it. */
  wanted(programId: string, topic: string): boolean;
  /** What an answer found: of the `sent` topics of the program, those in `wanted` have a subscription, the others none. */
  learn(programId: string, sent: Iterable<string>, wanted: readonly string[]): void;
}

/** An empty hint: every event is rendered until an answer shows that nothing wants it. */
export function createWebhookInterest(): WebhookInterest {
  // The program's id and the topic, with a newline between (no program id holds one).
  const unwanted = new Set<string>();
  const key = (programId: string, topic: string) => `${programId}\n${topic}`;
  return {
    wanted: (programId, topic) => !unwanted.has(key(programId, topic)),
    learn(programId, sent, wanted) {
      for (const topic of sent) {
        if (wanted.includes(topic)) unwanted.delete(key(programId, topic));
        else unwanted.add(key(programId, topic));
      }
    },
  };
}
