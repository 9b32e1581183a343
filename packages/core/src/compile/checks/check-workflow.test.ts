import { describe, expect, it } from 'vitest';
import type { Issue } from '../../runtime/errors.js';
import { codesAt, issuesAfter } from '../../test-support/issues-after.js';

type Json = Record<string, unknown>;

/** A small sound program: apply (form `application`) → review → approved/rejected, with a reminder and a deadline. */
function base(): Json {
  return {
    id: 'grant',
    version: '1.0.0',
    locales: ['en', 'de'],
    title: { en: 'Grant', de: 'Zuschuss' },
    forms: {
      application: {
        schema: {
          type: 'object',
          properties: { amount: { type: 'number' }, contact: { type: 'object', properties: { email: { type: 'string' } } } },
          required: ['amount'],
        },
      },
      decision: { schema: { type: 'object', properties: { approve: { type: 'boolean' } }, required: ['approve'] } },
    },
    workflow: {
      initial: 'draft',
      roles: ['applicant', 'officer'],
      outcomes: ['funded'],
      events: {
        SUBMIT: { form: 'application', roles: ['applicant'] },
        DECIDE: { form: 'decision', roles: ['officer'] },
        REMIND: { roles: [] },
        EXPIRE: { roles: [] },
      },
      states: {
        draft: {
          on: {
            SUBMIT: {
              target: 'review',
              guard: { properties: { event: { properties: { amount: { maximum: 20000 } } } } },
              actions: [{ type: 'merge' }, { type: 'startDeadline', deadline: 'decision' }],
            },
          },
        },
        review: {
          after: [{ duration: 'P14D', send: 'REMIND' }],
          on: {
            REMIND: {},
            EXPIRE: { target: 'rejected' },
            DECIDE: [
              {
                target: 'approved',
                guard: { properties: { event: { properties: { approve: { const: true } } } } },
                actions: [{ type: 'outcome', outcome: 'funded' }, { type: 'cancelDeadline', deadline: 'decision' }],
              },
              { target: 'rejected', actions: [{ type: 'set', field: 'contact.email', value: 'none' }] },
            ],
          },
        },
        approved: { final: true },
        rejected: { final: true },
      },
      deadlines: { decision: { after: 'P3M', send: 'EXPIRE' } },
    },
    texts: Object.fromEntries(
      ['en', 'de'].map((l) => [
        l,
        {
          'forms.application.title': 'Application',
          'forms.application.fields.amount.label': 'Amount',
          'forms.application.fields.contact.label': 'Contact',
          'forms.application.fields.contact.email.label': 'E-mail',
          'forms.decision.title': 'Decision',
          'forms.decision.fields.approve.label': 'Approve',
          'workflow.states.draft.title': 'Draft',
          'workflow.states.review.title': 'Review',
          'workflow.states.approved.title': 'Approved',
          'workflow.states.rejected.title': 'Rejected',
          'workflow.events.SUBMIT.title': 'Submit',
          'workflow.events.DECIDE.title': 'Decide',
          'workflow.events.REMIND.title': 'Remind',
          'workflow.events.EXPIRE.title': 'Expire',
          'workflow.roles.applicant': 'Applicant',
          'workflow.roles.officer': 'Officer',
          'workflow.outcomes.funded': 'Funded',
        },
      ]),
    ),
  };
}

/** The issues `loadProgram` reports after `change` edits a copy of the base program. */
function issuesOf(change: (p: Json & { workflow: Json & Record<string, Json> }) => void, locale = 'en'): Issue[] {
  return issuesAfter(structuredClone(base()) as Json & { workflow: Json & Record<string, Json> }, change, locale);
}

const wf = (p: { workflow: Json }) => p.workflow as Record<string, Record<string, Json>>;

describe('checkWorkflow', () => {
  it('accepts a sound workflow', () => {
    expect(issuesOf(() => {})).toEqual([]);
  });

  it('reports a target state that is not declared, and the states it leaves unreachable', () => {
    const issues = issuesOf((p) => {
      (wf(p).states!.draft!.on as Json).SUBMIT = { target: 'reveiw' };
    });
    expect(codesAt(issues)).toContain('WORKFLOW_STATE_UNKNOWN /workflow/states/draft/on/SUBMIT/target');
    expect(codesAt(issues)).toContain('WORKFLOW_STATE_UNREACHABLE /workflow/states/review');
  });

  it('accepts a report sum over a number field, and reports an unknown outcome or a field that is no number, in a list or personal', () => {
    expect(issuesOf((p) => void (p.workflow.sums = { funded: { outcome: 'funded', field: 'amount', budget: 100000, currency: 'EUR' } }))).toEqual([]);
    const issues = issuesOf((p) => {
      const forms = p.forms as Record<string, { schema: { properties: Record<string, Json> } }>;
      forms.application!.schema.properties.iban = { type: 'number', 'x-personal-data': true };
      forms.application!.schema.properties.items = { type: 'array', items: { type: 'object', properties: { cost: { type: 'number' } } } };
      for (const l of ['en', 'de']) Object.assign((p.texts as Record<string, Json>)[l]!, { 'forms.application.fields.iban.label': 'IBAN', 'forms.application.fields.items.label': 'Items', 'forms.application.fields.items.cost.label': 'Cost' });
      p.workflow.sums = {
        a: { outcome: 'paid', field: 'amount' },
        b: { outcome: 'funded', field: 'contact.email' },
        c: { outcome: 'funded', field: 'iban' },
        d: { outcome: 'funded', field: 'items.cost' },
        e: { outcome: 'funded', field: 'nowhere' },
      };
    });
    expect(codesAt(issues)).toEqual([
      'WORKFLOW_OUTCOME_UNKNOWN /workflow/sums/a/outcome',
      'WORKFLOW_SUM_FIELD_INVALID /workflow/sums/b/field',
      'WORKFLOW_SUM_FIELD_INVALID /workflow/sums/c/field',
      'WORKFLOW_SUM_FIELD_INVALID /workflow/sums/d/field',
      'WORKFLOW_SUM_FIELD_INVALID /workflow/sums/e/field',
    ]);
  });

  it('accepts a sum released in declared states, and reports one it does not know where it points', () => {
    expect(issuesOf((p) => void (p.workflow.sums = { funded: { outcome: 'funded', field: 'amount', releasedIn: ['rejected'] } }))).toEqual([]);
    const issues = issuesOf((p) => void (p.workflow.sums = { funded: { outcome: 'funded', field: 'amount', releasedIn: ['rejected', 'withdrawn'] } }));
    expect(codesAt(issues)).toEqual(['WORKFLOW_STATE_UNKNOWN /workflow/sums/funded/releasedIn/1']);
    expect(issues[0]!.message).toBe('There is no state "withdrawn" in this workflow\'s "states".');
  });

  it('reports an unknown initial state', () => {
    expect(codesAt(issuesOf((p) => void (p.workflow.initial = 'nowhere' as never)))).toContain('WORKFLOW_STATE_UNKNOWN /workflow/initial');
  });

  it('reports a state nothing leads to', () => {
    const issues = issuesOf((p) => {
      wf(p).states!.limbo = { on: { DECIDE: { target: 'approved' } } };
      for (const l of ['en', 'de']) (p.texts as Record<string, Json>)[l]!['workflow.states.limbo.title'] = 'Limbo';
    });
    expect(codesAt(issues)).toEqual(['WORKFLOW_STATE_UNREACHABLE /workflow/states/limbo']);
  });

  it('reports an event no state accepts, an undeclared event and an event nobody can send', () => {
    const issues = issuesOf((p) => {
      wf(p).events!.ARCHIVE = { roles: ['officer'] };
      wf(p).events!.NOBODY = { roles: [] };
      (wf(p).states!.review!.on as Json).NOBODY = {};
      (wf(p).states!.review!.on as Json).WITHDRAW = { target: 'rejected' };
      for (const l of ['en', 'de']) {
        (p.texts as Record<string, Json>)[l]!['workflow.events.ARCHIVE.title'] = 'Archive';
        (p.texts as Record<string, Json>)[l]!['workflow.events.NOBODY.title'] = 'Nobody';
      }
    });
    expect(codesAt(issues).sort()).toEqual([
      'WORKFLOW_EVENT_NO_SENDER /workflow/events/NOBODY/roles',
      'WORKFLOW_EVENT_UNKNOWN /workflow/states/review/on/WITHDRAW',
      'WORKFLOW_EVENT_UNUSED /workflow/events/ARCHIVE',
    ]);
  });

  it('reports roles and forms that are not declared, and the reserved system role', () => {
    const issues = issuesOf((p) => {
      wf(p).events!.SUBMIT = { form: 'aplication', roles: ['applicant', 'clerk'] };
      (p.workflow as Record<string, unknown>)['personalDataRoles'] = ['applicant', 'auditor'];
      (p.workflow.roles as unknown as string[]).push('system');
      for (const l of ['en', 'de']) (p.texts as Record<string, Json>)[l]!['workflow.roles.system'] = 'System';
    });
    expect(codesAt(issues)).toEqual(
      expect.arrayContaining([
        'FORM_UNKNOWN /workflow/events/SUBMIT/form',
        'WORKFLOW_ROLE_UNKNOWN /workflow/events/SUBMIT/roles/1',
        'WORKFLOW_ROLE_UNKNOWN /workflow/personalDataRoles/1',
        'WORKFLOW_ROLE_RESERVED /workflow/roles/2',
      ]),
    );
  });

  it('reports guards that name fields no form has, or look outside data and event', () => {
    const issues = issuesOf((p) => {
      const on = wf(p).states!.draft!.on as Record<string, Json>;
      on.SUBMIT!.guard = {
        properties: { data: { properties: { contact: { properties: { phone: {} } } } }, event: { required: ['amuont'] }, amount: {} },
      };
    });
    expect(codesAt(issues).sort()).toEqual([
      'WORKFLOW_GUARD_FIELD_UNKNOWN /workflow/states/draft/on/SUBMIT/guard/properties/data/properties/contact/properties/phone',
      'WORKFLOW_GUARD_FIELD_UNKNOWN /workflow/states/draft/on/SUBMIT/guard/properties/event/required/0',
      'WORKFLOW_GUARD_ROOT_UNKNOWN /workflow/states/draft/on/SUBMIT/guard/properties/amount',
    ]);
  });

  it('checks event fields against the form of the event that carries them', () => {
    const issues = issuesOf((p) => {
      const on = wf(p).states!.draft!.on as Record<string, Json>;
      on.SUBMIT!.guard = { properties: { event: { properties: { approve: { const: true } } } } };
    });
    expect(issues.map((i) => i.params)).toEqual([{ field: 'approve', scope: 'event', event: 'SUBMIT', form: 'application' }]);
  });

  it('reports guards that are not valid JSON Schemas', () => {
    const issues = issuesOf((p) => {
      const on = wf(p).states!.draft!.on as Record<string, Json>;
      on.SUBMIT!.guard = { properties: { data: { $ref: '#/$defs/missing' } } };
    });
    expect(codesAt(issues)).toEqual(['CONDITION_INVALID /workflow/states/draft/on/SUBMIT/guard']);
    const malformed = issuesOf((p) => {
      const on = wf(p).states!.draft!.on as Record<string, Json>;
      on.SUBMIT!.guard = { properties: { data: { minimum: 'ten' } } };
    });
    expect(codesAt(malformed)).toEqual(['SCHEMA_INVALID /workflow/states/draft/on/SUBMIT/guard/properties/data/minimum']);
  });

  it('reports unknown keywords in guards with their pointer', () => {
    const issues = issuesOf((p) => {
      const on = wf(p).states!.draft!.on as Record<string, Json>;
      on.SUBMIT!.guard = { properties: { data: { properties: { amount: { minimun: 1 } } } } };
    });
    expect(codesAt(issues)).toEqual(['CONDITION_INVALID /workflow/states/draft/on/SUBMIT/guard/properties/data/properties/amount/minimun']);
  });

  it('reports invalid durations and timer events the receiving state does not accept', () => {
    const issues = issuesOf((p) => {
      wf(p).states!.review!.after = [{ duration: 'P0D', send: 'REMIND' }, { duration: '14 days', send: 'SUBMIT' }] as never;
      wf(p).deadlines!.decision = { after: 'P1.5M', send: 'EXPIRE' };
    });
    expect(codesAt(issues).sort()).toEqual([
      'WORKFLOW_DURATION_INVALID /workflow/deadlines/decision/after',
      'WORKFLOW_DURATION_INVALID /workflow/states/review/after/0/duration',
      'WORKFLOW_DURATION_INVALID /workflow/states/review/after/1/duration',
      'WORKFLOW_TIMER_EVENT_NOT_ACCEPTED /workflow/states/review/after/1/send',
    ]);
  });

  it('requires a timer to give either a duration or a moment', () => {
    const issues = issuesOf((p) => {
      wf(p).states!.review!.after = [{ send: 'REMIND' }, { duration: 'P1D', at: '2025-01-01T00:00:00Z', send: 'REMIND' }, { at: '2025-01-01T00:00:00Z', send: 'REMIND' }] as never;
      wf(p).deadlines!.decision = { at: 'tomorrow', send: 'EXPIRE' };
    });
    expect(codesAt(issues)).toEqual(['SCHEMA_INVALID /workflow/deadlines/decision/at']);
    const both = issuesOf((p) => {
      wf(p).states!.review!.after = [{ send: 'REMIND' }, { duration: 'P1D', at: '2025-01-01T00:00:00Z', send: 'REMIND' }, { at: '2025-01-01T00:00:00Z', send: 'REMIND' }] as never;
    });
    expect(codesAt(both)).toEqual(['WORKFLOW_TIMER_WHEN /workflow/states/review/after/0', 'WORKFLOW_TIMER_WHEN /workflow/states/review/after/1']);
  });

  it('reports deadlines whose event no state accepts, that nothing starts, or that are not declared', () => {
    const issues = issuesOf((p) => {
      wf(p).deadlines!.late = { after: 'P1D', send: 'SUBMIT' };
      (wf(p).states!.review!.on as Record<string, Json>).EXPIRE = { target: 'rejected', actions: [{ type: 'cancelDeadline', deadline: 'other' }] };
      wf(p).deadlines!.orphan = { after: 'P1D', send: 'REMIND' };
      wf(p).events!.NEVER = { roles: [] };
      wf(p).deadlines!.nowhere = { after: 'P1D', send: 'NEVER' };
      for (const l of ['en', 'de']) (p.texts as Record<string, Json>)[l]!['workflow.events.NEVER.title'] = 'Never';
    });
    expect(codesAt(issues)).toEqual(
      expect.arrayContaining([
        'WORKFLOW_DEADLINE_UNKNOWN /workflow/states/review/on/EXPIRE/actions/0/deadline',
        'WORKFLOW_DEADLINE_UNUSED /workflow/deadlines/late',
        'WORKFLOW_DEADLINE_UNUSED /workflow/deadlines/orphan',
        'WORKFLOW_TIMER_EVENT_NOT_ACCEPTED /workflow/deadlines/nowhere/send',
      ]),
    );
  });

  it('reports dead ends, final states with exits and shadowed transitions', () => {
    const issues = issuesOf((p) => {
      const review = wf(p).states!.review!.on as Record<string, unknown>;
      review.DECIDE = [{ target: 'approved' }, { target: 'rejected' }];
      wf(p).states!.approved = { final: true, on: { REMIND: {} } };
      review.EXPIRE = {};
      review.DECIDE = [{ target: 'approved' }, { target: 'rejected' }];
    });
    expect(codesAt(issues)).toEqual(
      expect.arrayContaining(['WORKFLOW_TRANSITION_SHADOWED /workflow/states/review/on/DECIDE/1', 'WORKFLOW_FINAL_STATE_EXITS /workflow/states/approved']),
    );
    const stuck = issuesOf((p) => {
      wf(p).states!.review!.on = { REMIND: {}, EXPIRE: {}, DECIDE: {} };
    });
    expect(codesAt(stuck)).toEqual(expect.arrayContaining(['WORKFLOW_STATE_DEAD_END /workflow/states/review']));
  });

  it('lets workflow-level transitions leave every state, but not their own target', () => {
    const issues = issuesOf((p) => {
      wf(p).states!.review!.on = { REMIND: {}, EXPIRE: {}, DECIDE: { target: 'approved' } };
      wf(p).states!.approved = {};
      p.workflow.on = { EXPIRE: { target: 'rejected' } } as never;
    });
    expect(issues).toEqual([]);
  });

  it('reports actions that name unknown outcomes or fields, and merges without a form', () => {
    const issues = issuesOf((p) => {
      const review = wf(p).states!.review!.on as Record<string, Json>;
      review.REMIND = { actions: [{ type: 'merge' }, { type: 'outcome', outcome: 'rich' }, { type: 'set', field: 'contact.phone', value: 1 }] };
    });
    expect(codesAt(issues)).toEqual([
      'WORKFLOW_MERGE_WITHOUT_FORM /workflow/states/review/on/REMIND/actions/0',
      'WORKFLOW_OUTCOME_UNKNOWN /workflow/states/review/on/REMIND/actions/1/outcome',
      'WORKFLOW_FIELD_UNKNOWN /workflow/states/review/on/REMIND/actions/2/field',
    ]);
  });

  it('requires titles of states and events and names of roles and outcomes in every locale', () => {
    const issues = issuesOf((p) => {
      const de = (p.texts as Record<string, Json>).de!;
      delete de['workflow.states.review.title'];
      delete de['workflow.roles.officer'];
      delete de['workflow.outcomes.funded'];
      delete (p.texts as Record<string, Json>).en!['workflow.events.REMIND.title'];
      delete de['workflow.events.REMIND.title'];
    });
    expect(codesAt(issues).sort()).toEqual([
      'TEXT_MISSING /texts/de/workflow.events.REMIND.title',
      'TEXT_MISSING /texts/de/workflow.outcomes.funded',
      'TEXT_MISSING /texts/de/workflow.roles.officer',
      'TEXT_MISSING /texts/de/workflow.states.review.title',
      'TEXT_MISSING /texts/en/workflow.events.REMIND.title',
    ]);
  });

  it('explains problems in German', () => {
    const [issue] = issuesOf((p) => void (p.workflow.initial = 'nirgends' as never), 'de');
    expect(issue?.message).toBe('Einen Zustand „nirgends“ gibt es in "states" dieses Ablaufs nicht.');
  });
});

/** The base program with two places (held while approved), a waiting list, and a budget the grants must fit into. */
function withLimits(p: Json & { workflow: Json & Record<string, Json> }): void {
  const w = wf(p);
  p.workflow.places = { seats: { count: 2, heldIn: ['approved'], waitingList: { state: 'waiting', offer: 'OFFER' } } };
  p.workflow.sums = { funded: { outcome: 'funded', field: 'amount', budget: 100000, currency: 'EUR' } };
  w.events!.OFFER = { roles: [] };
  w.states!.waiting = { on: { OFFER: { target: 'approved', takesPlace: 'seats' } } };
  const decide = (w.states!.review!.on as Record<string, Json[]>).DECIDE!;
  Object.assign(decide[0]!, { takesPlace: 'seats', withinBudget: 'funded' });
  decide.splice(1, 0, { target: 'waiting', guard: { properties: { event: { properties: { approve: { const: true } } } } } });
  for (const l of ['en', 'de']) {
    Object.assign((p.texts as Record<string, Json>)[l]!, { 'workflow.places.seats': 'Seats', 'workflow.states.waiting.title': 'Waiting', 'workflow.events.OFFER.title': 'Offer' });
  }
}

describe('checkWorkflow: places and budgets', () => {
  it('accepts places with a waiting list and a transition within a budget', () => {
    expect(issuesOf(withLimits)).toEqual([]);
  });

  it('reports places and budgets that are not declared, and a place taken into a state that does not hold it', () => {
    const issues = issuesOf((p) => {
      withLimits(p);
      const decide = (wf(p).states!.review!.on as Record<string, Json[]>).DECIDE!;
      Object.assign(decide[0]!, { takesPlace: 'chairs', withinBudget: 'paid' });
      Object.assign(decide[2]!, { takesPlace: 'seats' });
      delete (p.workflow.sums as Record<string, Json>).funded!.budget;
      (wf(p).states!.waiting!.on as Record<string, Json>).OFFER!.withinBudget = 'funded';
    });
    expect(codesAt(issues)).toEqual([
      'WORKFLOW_PLACES_UNKNOWN /workflow/states/review/on/DECIDE/0/takesPlace',
      'WORKFLOW_BUDGET_UNKNOWN /workflow/states/review/on/DECIDE/0/withinBudget',
      'WORKFLOW_PLACE_NOT_HELD /workflow/states/review/on/DECIDE/2/takesPlace',
      'WORKFLOW_BUDGET_UNKNOWN /workflow/states/waiting/on/OFFER/withinBudget',
      'WORKFLOW_PLACE_BYPASSED /workflow/states/review/on/DECIDE/0',
    ]);
    expect(issues[1]!.message).toBe('There is no sum "paid" with a "budget" in this workflow\'s "sums", so there is no budget to stay within.');
  });

  it('reports a transition, also a workflow-level one, that fills a place without taking it', () => {
    const issues = issuesOf((p) => {
      withLimits(p);
      const review = wf(p).states!.review!.on as Record<string, Json[]>;
      delete review.DECIDE![0]!.takesPlace;
      p.workflow.on = { EXPIRE: { target: 'approved' } };
    }, 'de');
    expect(codesAt(issues)).toEqual(['WORKFLOW_PLACE_BYPASSED /workflow/states/review/on/DECIDE/0', 'WORKFLOW_PLACE_BYPASSED /workflow/on/EXPIRE']);
    expect(issues[0]!.message).toContain('„approved“');
  });

  it('reports a waiting list in a state that holds a place, one whose offer is not taken with a place, and unknown states and events', () => {
    const held = issuesOf((p) => {
      withLimits(p);
      const places = (p.workflow.places as Record<string, Json>).seats!;
      places.heldIn = ['approved', 'waiting', 'nowhere'];
    });
    expect(codesAt(held)).toEqual([
      'WORKFLOW_STATE_UNKNOWN /workflow/places/seats/heldIn/2',
      'WORKFLOW_PLACE_BYPASSED /workflow/states/review/on/DECIDE/1',
      'WORKFLOW_WAITING_STATE_INVALID /workflow/places/seats/waitingList/state',
    ]);
    const notTaken = issuesOf((p) => {
      withLimits(p);
      delete (wf(p).states!.waiting!.on as Record<string, Json>).OFFER!.takesPlace;
    });
    expect(codesAt(notTaken)).toEqual(['WORKFLOW_PLACE_BYPASSED /workflow/states/waiting/on/OFFER', 'WORKFLOW_OFFER_NOT_ACCEPTED /workflow/places/seats/waitingList/offer']);
    const unknown = issuesOf((p) => {
      withLimits(p);
      (p.workflow.places as Record<string, Json>).seats!.waitingList = { state: 'waiting', offer: 'OFFERED' };
    });
    expect(codesAt(unknown)).toContain('WORKFLOW_EVENT_UNKNOWN /workflow/places/seats/waitingList/offer');
  });

  it('asks for the title of the places in every locale, and treats the offer as sent by the system', () => {
    const issues = issuesOf((p) => {
      withLimits(p);
      delete (p.texts as Record<string, Json>).de!['workflow.places.seats'];
    });
    expect(codesAt(issues)).toEqual(['TEXT_MISSING /texts/de/workflow.places.seats']);
  });
});
