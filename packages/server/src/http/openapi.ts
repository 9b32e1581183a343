// The API description, written by hand next to the routes it describes; the schemas of its JSON answers come from
// schemas/api/answers.schema.json, the one source the server's and the elements' types are generated from too.
// program-routes.test.ts checks that every route the app answers is described here and that every described path
// answers; answers.test.ts checks the real answers against the schemas.
import { answersSchema } from './generated/answers-schema.js';
import { ERASURE_REASON } from '../cases/erase-case.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: json(ref('Error')) });

const programPath = { name: 'programId', in: 'path', required: true, schema: { type: 'string' } };
const versionPath = { name: 'version', in: 'path', required: true, schema: { type: 'string' }, description: 'Semantic version, such as 1.0.0.' };
const casePath = { name: 'caseId', in: 'path', required: true, schema: { type: 'string' } };
const webhookPath = { name: 'webhookId', in: 'path', required: true, schema: { type: 'string' } };
const acceptLanguage = { name: 'Accept-Language', in: 'header', schema: { type: 'string' }, description: 'Language of messages: de or en (validation messages: the program\'s locales).' };
const formQuery = {
  name: 'form',
  in: 'query',
  schema: { type: 'string' },
  description:
    "The form: the workflow's `open.form`, or a form that an event of the initial state carries (the case opens and takes that event in one step). Default: the opening form, else the only such form. The program's `submissionForms` lists them.",
};
const formsQuery = {
  name: 'forms',
  in: 'query',
  schema: { type: 'string', examples: ['intake', 'intake,firstContact'] },
  description: 'Only this one form (default: all). Several forms or an unknown one: 400 PARAMETER_INVALID with details.forms.',
};
const localePath = { name: 'locale', in: 'path', required: true, schema: { type: 'string' }, description: "One of the program's locales, such as de." };
const bearer = [{ bearer: [] }];
const tokenExpired = error(
  "TOKEN_EXPIRED: an applicant token whose case closed longer ago than the server's applicant-token days (default 90; a case without a workflow counts from its submission). The body is { code, message } and nothing about the case.",
);

const caseErased = error('CASE_ERASED: the case\'s personal data was erased on request. The body is { code, message } and nothing about the case.');

const common = {
  '400': error('Malformed request: body not JSON, too deep, forbidden key, bad parameter.'),
  '429': error('Rate limited; see Retry-After.'),
};
// Every route that reads a JSON body refuses these before it looks at the body.
const bodyRefused = {
  '413': error('Body too large'),
  '415': error('Not application/json'),
};

function programOps(versioned: boolean) {
  const params = versioned ? [programPath, versionPath] : [programPath];
  const cache = versioned ? 'Cache-Control: public, max-age=31536000, immutable.' : 'Cache-Control: public, no-cache (revalidate with If-None-Match).';
  const which = versioned ? 'this version' : 'the newest version';
  return {
    definition: {
      get: {
        summary: `The definition of ${which} of a program`,
        description: `ETag is the program's hash. ${cache}`,
        parameters: params,
        responses: { '200': { description: 'The program', content: json(ref('ProgramWithDefinition')) }, '304': { description: 'Not modified' }, '404': error('No such program') },
      },
    },
    validators: {
      get: {
        summary: `Precompiled validators of ${which} (an ES module with no imports, CSP-safe)`,
        description: `Load it in the browser and pass it to fromValidatorsModule from @civicflow/core/runtime. ETag is the program's hash. ${cache}`,
        parameters: params,
        responses: { '200': { description: 'JavaScript module', content: { 'text/javascript': { schema: { type: 'string' } } } }, '304': { description: 'Not modified' }, '404': error('No such program') },
      },
    },
    browserValidators: {
      get: {
        summary: `Compact validators of some forms of ${which} for pages, their words beside them (an ES module with no imports, CSP-safe)`,
        description: `For <cf-form src="…/browser/validators.js?forms=intake">. Minified, without the definition: it exports locales, definitionUrls (per locale the versioned browser/definition.{locale}.json with the same forms, also when fetched as the newest version) and useDefinition, and the widget fetches the definition of the locale it shows. Built once per version and forms, then kept in memory. ETag is the program's hash with the forms. ${cache}`,
        parameters: [...params, formsQuery],
        responses: {
          '200': { description: 'JavaScript module', content: { 'text/javascript': { schema: { type: 'string' } } } },
          '304': { description: 'Not modified' },
          '400': error('Unknown form (PARAMETER_INVALID)'),
          '404': error('No such program'),
        },
      },
    },
    browserDefinition: {
      get: {
        summary: `The definition of some forms of ${which} in one locale, for a browser validators module`,
        description: `The document a browser/validators.js module with the same forms fetches: its hash must equal the module's. ETag is the program's hash with the locale and the forms. ${cache}`,
        parameters: [...params, localePath, formsQuery],
        responses: {
          '200': {
            description: 'The definition in one locale',
            content: json(ref('BrowserDefinition')),
          },
          '304': { description: 'Not modified' },
          '400': error('Unknown form (PARAMETER_INVALID)'),
          '404': error('No such program, or not one of its locales'),
        },
      },
    },
    submissions: {
      post: {
        summary: `Submit the form of ${which}: validate, store, open a case`,
        description:
          'Validates exactly as the browser widget does. Answers only after the case is committed. The same Idempotency-Key with the same body from the same sender answers the same and stores nothing new (header Idempotent-Replayed: true), also after retention removed the personal data; with another body or from another sender it is refused.',
        parameters: [...params, formQuery, acceptLanguage, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' } }],
        requestBody: { required: true, content: json({ type: 'object', description: 'The form data.' }) },
        responses: {
          '201': { description: 'Stored', content: json(ref('Receipt')) },
          ...common,
          '401': error('This program takes submissions only from signed-in roles'),
          '404': error('No such program'),
          ...bodyRefused,
          '410': caseErased,
          '422': { description: 'Invalid data (code SUBMISSION_INVALID, with errors) or a reused Idempotency-Key', content: json(ref('ValidationFailure')) },
          ...(versioned
            ? {
                '409': error(
                  "VERSION_SUPERSEDED: a newer version of the program is live and this one's time to accept (the newest version's versions.acceptPreviousFor, default none) is over. details: program, version, current (the newest version) and links (its ProgramLinks: submit there). A repeat of a submission stored in time still answers with its receipt.",
                ),
              }
            : {}),
        },
      },
    },
    validate: {
      post: {
        summary: `Validate data for a form of ${which} without storing it`,
        parameters: [...params, formQuery, acceptLanguage],
        requestBody: { required: true, content: json({ type: 'object' }) },
        responses: { '200': { description: "core's validation result", content: json(ref('ValidationResult')) }, ...common, '404': error('No such program'), ...bodyRefused },
      },
    },
  };
}

/** The answers' schemas as OpenAPI components: a reference to one of the file's `$defs` becomes one to its component. */
function componentSchemas(): Record<string, object> {
  return JSON.parse(JSON.stringify(answersSchema.$defs).replaceAll('"#/$defs/', '"#/components/schemas/'));
}

/** The filters a case list and an export share. */
const listFilters = [
  { name: 'state', in: 'query', schema: { type: 'string' } },
  { name: 'due', in: 'query', schema: { enum: ['overdue', 'soon'] }, description: 'The next deadline has passed, or comes within 7 days' },
  { name: 'assignee', in: 'query', schema: { type: 'string' }, description: 'me, none, or an actor id' },
  { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 }, description: 'Part of a reference, or words of a name (roles that see personal data)' },
  { name: 'countable', in: 'query', schema: { enum: ['yes', 'no'] }, description: 'Programs with monitoring only: participants with nothing missing (yes), or those who lack something (no)' },
];

const monitoringDate = { name: 'date', in: 'query', schema: { type: 'string', format: 'date' }, description: "One reporting date (YYYY-MM-DD); without it, the program's reporting dates that have come, and today" };
const csvAnswer = (what: string) => ({ description: what, content: { 'text/csv': { schema: { type: 'string' } } } });

const latest = programOps(false);
const versioned = programOps(true);

/** The OpenAPI 3.1 description of the HTTP API. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'civicflow server',
      version: '1',
      description:
        'Programs, submissions, cases and reports. Errors are JSON: { code, message, details? }, with the message in the language of Accept-Language (de or en).',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A caseworker credential (checked by the authentication hook) or an applicant token from a submission receipt.' },
      },
      schemas: componentSchemas(),
    },
    paths: {
      '/openapi.json': { get: { summary: 'This description', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
      '/healthz': {
        get: {
          summary: 'Liveness: the process answers',
          description: 'Never asks the database, so that an outage of the database does not make an orchestrator restart every server. Cache-Control: no-store.',
          responses: { '200': { description: 'The process runs', content: json(ref('Health')) } },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness: send this server requests',
          description: 'The database answers within 2 s, its schema is the one this server needs, and the process is not stopping. Cache-Control: no-store.',
          responses: {
            '200': { description: 'Ready', content: json(ref('Readiness')) },
            '503': error('NOT_READY: details.reason is stopping (the process finishes its requests and ends), database or schema.'),
          },
        },
      },
      '/v1/clock': { get: { summary: "The server's time, by which periods open and close", responses: { '200': { description: 'The time', content: json(ref('Clock')) } } } },
      '/v1/programs': { get: { summary: 'All programs and versions', responses: { '200': { description: 'Programs', content: json(ref('ProgramList')) } } } },
      '/v1/programs/{programId}': latest.definition,
      '/v1/programs/{programId}/validators.js': latest.validators,
      '/v1/programs/{programId}/browser/validators.js': latest.browserValidators,
      '/v1/programs/{programId}/browser/definition.{locale}.json': latest.browserDefinition,
      '/v1/programs/{programId}/submissions': latest.submissions,
      '/v1/programs/{programId}/validate': latest.validate,
      '/v1/programs/{programId}/versions': {
        get: {
          summary: "A program's published versions, newest first",
          description: 'Each with its hash, when it was published, whether it is the current one (the newest by semantic version), and for an older one until when it still accepts submissions. Every version listed is served under /versions/{version}.',
          parameters: [programPath],
          responses: { '200': { description: 'The versions', content: json(ref('ProgramVersionList')) }, '404': error('No such program') },
        },
        post: {
          summary: 'Publish a new version of a program (role <programId>:publish)',
          description:
            "The body is the program definition; its id must be programId. The server checks it as loadProgram does, stores it for good with its hash, who published it and when (and an entry in the office audit), and serves it at once, in every server process on the same database; new submissions to the program go to the newest version. A version is published once: the same definition again answers 200 with created false, another one under the same version 409 PROGRAM_VERSION_EXISTS.",
          security: bearer,
          parameters: [programPath, acceptLanguage],
          requestBody: { required: true, content: json({ type: 'object', description: 'The program definition (schemas/program.schema.json), at most 4 MiB.' }) },
          responses: {
            '201': { description: 'Published now; Location is the version', content: json(ref('PublishedVersion')) },
            '200': { description: 'Published before with the same definition; nothing changed', content: json(ref('PublishedVersion')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: no role <programId>:publish'),
            '409': error('PROGRAM_VERSION_EXISTS: the version is published with another definition; details.hash is the published one'),
            ...bodyRefused,
            '422': error('PROGRAM_INVALID: the definition has problems; problems lists each with code, pointer and message in the language of Accept-Language'),
          },
        },
      },
      '/v1/programs/{programId}/migrations': {
        get: {
          summary: "A program's cases per version and its migration runs, newest first (role <programId>:publish)",
          security: bearer,
          parameters: [programPath],
          responses: { '200': { description: 'Cases per version and runs', content: json(ref('MigrationOverview')) }, '401': error('No credentials'), '403': error('FORBIDDEN: no role <programId>:publish'), '404': error('No such program') },
        },
        post: {
          summary: 'Start moving the open cases of an older version to a newer one (role <programId>:publish)',
          description:
            "The newer version's versions.migrations entry for the older one says how. The run is carried out by the server processes' migration workers, batch after batch, each case in its own transaction with an audit entry; a process killed meanwhile leaves nothing half done, and the next one goes on. Cases that would not fit the newer version's forms stay on the older one and are listed in the run's failures. One run per older version at a time: asking again answers 200 with the unfinished run.",
          security: bearer,
          parameters: [programPath, acceptLanguage],
          requestBody: { required: true, content: json({ type: 'object', additionalProperties: false, required: ['from'], properties: { from: { type: 'string', description: 'The older version' }, to: { type: 'string', description: 'The newer version; default the current one' } } }) },
          responses: {
            '202': { description: 'Started; Location is the run', content: json(ref('MigrationStarted')) },
            '200': { description: 'The unfinished run of the same versions', content: json(ref('MigrationStarted')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: no role <programId>:publish'),
            '404': error('NOT_FOUND: no such program or version'),
            '409': error('MIGRATION_RUNNING: the cases of the older version are moving to another version already'),
            ...bodyRefused,
            '422': error('MIGRATION_INVALID: the migration does not fit the older version; problems lists each with code, pointer (into the newer definition) and message'),
          },
        },
      },
      '/v1/programs/{programId}/migrations/dry-run': {
        post: {
          summary: 'What moving the open cases of an older version would do, changing nothing (role <programId>:publish)',
          security: bearer,
          parameters: [programPath, acceptLanguage],
          requestBody: { required: true, content: json({ type: 'object', additionalProperties: false, required: ['from'], properties: { from: { type: 'string', description: 'The older version' }, to: { type: 'string', description: 'The newer version; default the current one' } } }) },
          responses: {
            '200': { description: 'In sum, per state and case by case', content: json(ref('MigrationDryRun')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: no role <programId>:publish'),
            '404': error('NOT_FOUND: no such program or version'),
            ...bodyRefused,
            '422': error('MIGRATION_INVALID: the migration does not fit the older version'),
          },
        },
      },
      '/v1/programs/{programId}/migrations/{runId}': {
        get: {
          summary: "A migration run's progress and failures (role <programId>:publish)",
          security: bearer,
          parameters: [programPath, { name: 'runId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The run', content: json(ref('MigrationRun')) }, '401': error('No credentials'), '403': error('FORBIDDEN: no role <programId>:publish'), '404': error('No such program or run') },
        },
      },
      '/v1/programs/{programId}/draft': {
        get: {
          summary: "The program's draft, as its designer last saved it (role <programId>:design or :publish)",
          description:
            'The body is the draft\'s text byte for byte as it was saved; before the first save, the current version\'s definition. ETag is the draft\'s version ("0" before the first save): send it as If-Match with the next save.',
          security: bearer,
          parameters: [programPath],
          responses: {
            '200': { description: 'The draft (a program definition)', content: json({ type: 'object', description: 'A program definition (schemas/program.schema.json), possibly with problems: it is a draft.' }) },
            '401': error('No credentials'),
            '403': error('FORBIDDEN: no role <programId>:design or <programId>:publish'),
            '404': error('No such program'),
          },
        },
        put: {
          summary: "Save the program's draft over the version the designer loaded (role <programId>:design or :publish)",
          description:
            'The body is the definition\'s text (at most 4 MiB), stored byte for byte; it may still have problems. If-Match names the draft version it was loaded at; when another designer saved in between, nothing is stored and the answer is 412 DRAFT_CONFLICT, whose details name the current version, who saved it and when.',
          security: bearer,
          parameters: [programPath, acceptLanguage, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The draft version loaded ("0" before the first save).' }],
          requestBody: { required: true, content: json({ type: 'object', description: 'The program definition as the designer has it.' }) },
          responses: {
            '200': { description: 'Saved; ETag is the new version', content: json(ref('DraftSaved')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: no role <programId>:design or <programId>:publish'),
            '404': error('No such program'),
            '412': error('DRAFT_CONFLICT: another designer saved the draft since the version in If-Match; nothing was stored'),
            ...bodyRefused,
            '428': error('DRAFT_VERSION_REQUIRED: no If-Match'),
          },
        },
      },
      '/v1/programs/{programId}/draft/changes': {
        get: {
          summary: 'What the draft changes against the current version, and its problems (role <programId>:design or :publish)',
          description: 'Forms and fields (type, required, other rules), texts per locale, states, events and timers added, removed and changed, as data for the designer to put into words.',
          security: bearer,
          parameters: [programPath, acceptLanguage],
          responses: {
            '200': { description: 'The changes', content: json(ref('DraftChanges')) },
            '401': error('No credentials'),
            '403': error('FORBIDDEN: no role <programId>:design or <programId>:publish'),
            '404': error('No such program'),
          },
        },
      },
      '/v1/programs/{programId}/draft/publish': {
        post: {
          summary: 'Publish the draft as a new version, with the migration plan of its open cases (role <programId>:publish)',
          description:
            "If-Match names the draft version the publisher saw. The draft is checked as POST /versions checks a definition, must have a version newer than the current one, and its versions.migrations must fit the older versions they name. With dryRun true the answer is the plan (what moving the open cases would do) and nothing changes. Otherwise the draft is published through the same path as POST /versions (stored byte for byte, a publish entry in the office audit with who, when, version, hash and the draft's version), and with migrate true a migration run starts for each older version in the plan that has open cases.",
          security: bearer,
          parameters: [programPath, acceptLanguage, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The draft version seen.' }],
          requestBody: { required: true, content: json({ type: 'object', additionalProperties: false, properties: { dryRun: { type: 'boolean' }, migrate: { type: 'boolean' } } }) },
          responses: {
            '200': {
              description: 'dryRun: the plan, nothing changed (DraftPublishPlan); or the same definition was published a moment before by someone else (DraftPublished, created false)',
              content: json({ oneOf: [ref('DraftPublishPlan'), ref('DraftPublished')] }),
            },
            '201': { description: 'Published; Location is the version', content: json(ref('DraftPublished')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: no role <programId>:publish'),
            '404': error('No such program, or no draft saved'),
            '409': error('DRAFT_VERSION_NOT_NEWER: the draft\'s version is not newer than the current one; PROGRAM_VERSION_EXISTS; MIGRATION_RUNNING'),
            '412': error('DRAFT_CONFLICT: the draft was saved again since the version in If-Match'),
            ...bodyRefused,
            '422': error('PROGRAM_INVALID or MIGRATION_INVALID: problems lists each with code, pointer and message'),
            '428': error('DRAFT_VERSION_REQUIRED: no If-Match'),
          },
        },
      },
      '/v1/programs/{programId}/versions/{version}': versioned.definition,
      '/v1/programs/{programId}/versions/{version}/validators.js': versioned.validators,
      '/v1/programs/{programId}/versions/{version}/browser/validators.js': versioned.browserValidators,
      '/v1/programs/{programId}/versions/{version}/browser/definition.{locale}.json': versioned.browserDefinition,
      '/v1/programs/{programId}/versions/{version}/submissions': versioned.submissions,
      '/v1/programs/{programId}/versions/{version}/validate': versioned.validate,
      '/v1/programs/{programId}/cases': {
        get: {
          summary: "A page of a program's cases, newest first unless sort says otherwise (caseworkers with a role in the program)",
          description:
            'A search by name (q, for roles that see personal data) looks in the personal text fields of the forms and is recorded in the office audit with the search text; the request log never holds query strings.',
          security: bearer,
          parameters: [programPath, ...listFilters, { name: 'sort', in: 'query', schema: { enum: ['newest', 'oldest', 'updated', 'due'], default: 'newest' } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } }, { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'next of the previous page, of a list in the same order' }],
          responses: { '200': { description: 'Cases, without their data', content: json(ref('CasePage')) }, ...common, '401': error('No credentials'), '403': error('No role in this program'), '404': error('No such program') },
        },
      },
      '/v1/programs/{programId}/cases.csv': {
        get: {
          summary: "A program's cases as CSV, streamed (caseworkers with a role in the program)",
          description:
            'Oldest first, with the list\'s filters. Heads are the field labels in the language of Accept-Language, values read as the forms show them (option labels, dates). Personal data only for roles the workflow lets see it (personalDataRoles). UTF-8 with a byte order mark; cells a spreadsheet would run as formulas start with an apostrophe. Recorded in the office audit.',
          security: bearer,
          parameters: [programPath, acceptLanguage, ...listFilters],
          responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...common, '401': error('No credentials'), '403': error('No role in this program'), '404': error('No such program') },
        },
      },
      '/v1/programs/{programId}/monitoring': {
        get: {
          summary: "A program's participant monitoring: indicators by gender at each reporting date (cumulative), and the participants not countable yet with what they lack",
          description: 'Each person counts once, with the first case in which they entered; only participants with nothing missing are counted. See docs/monitoring.md.',
          security: bearer,
          parameters: [programPath, acceptLanguage, monitoringDate],
          responses: { '200': { description: 'Monitoring', content: json(ref('MonitoringSummary')) }, '400': error('date is no date (PARAMETER_INVALID)'), '401': error('No credentials'), '403': error('No role in this program'), '404': error('No such program, or it has no monitoring') },
        },
      },
      '/v1/programs/{programId}/monitoring/indicators.csv': {
        get: {
          summary: 'The indicators as CSV: reporting_date, indicator, moment, women, men, nonBinary, noAnswer, total (cumulative). Recorded in the office audit.',
          security: bearer,
          parameters: [programPath, monitoringDate],
          responses: { '200': csvAnswer('CSV'), '400': error('date is no date'), '401': error('No credentials'), '403': error('No role in this program'), '404': error('No such program, or it has no monitoring') },
        },
      },
      '/v1/programs/{programId}/monitoring/participants.csv': {
        get: {
          summary: 'One row of indicator data per countable participant under a pseudonymous id: pseudonym, gender, the moments\' dates, and 1 or 0 per indicator. No names. Recorded in the office audit.',
          security: bearer,
          parameters: [programPath],
          responses: { '200': csvAnswer('CSV'), '401': error('No credentials'), '403': error('No role in this program'), '404': error('No such program, or it has no monitoring') },
        },
      },
      '/v1/programs/{programId}/monitoring/identities.csv': {
        get: {
          summary: "The identity table: pseudonym, reference, the person's identity fields and the references of re-entries. Only for the roles in monitoring.identityRoles; recorded in the office audit.",
          security: bearer,
          parameters: [programPath],
          responses: { '200': csvAnswer('CSV'), '401': error('No credentials'), '403': error('No role that may read identities'), '404': error('No such program, or it has no monitoring') },
        },
      },
      '/v1/programs/{programId}/colleagues': {
        get: {
          summary: "The people a program's cases may be assigned to: known by name, with one of its roles when last seen",
          security: bearer,
          parameters: [programPath],
          responses: { '200': { description: 'Colleagues', content: json(ref('Colleagues')) }, '401': error('No credentials'), '403': error('No role in this program'), '404': error('No such program') },
        },
      },
      '/v1/cases/{caseId}/assignee': {
        put: {
          summary: 'Assign a case to oneself, to a colleague, or to nobody (null)',
          description: 'Leaves the case version alone (an assignment is no workflow step) and is recorded in the office audit with who assigned it.',
          security: bearer,
          parameters: [casePath, acceptLanguage],
          requestBody: { required: true, content: json({ type: 'object', required: ['assignee'], additionalProperties: false, properties: { assignee: { type: ['string', 'null'], minLength: 1, maxLength: 200 } } }) },
          responses: {
            '200': { description: 'Assigned', content: json(ref('Assignment')) },
            ...common,
            '401': error('No credentials'),
            '404': error('No such case, or not yours'),
            ...bodyRefused,
            '422': error('ASSIGNEE_UNKNOWN: not a colleague in the program'),
          },
        },
      },
      '/v1/programs/{programId}/report': {
        get: {
          summary: 'Cases per state, cases opened and outcomes per month, deadlines due (no personal data)',
          security: bearer,
          description:
            'States, places and deadlines are counted as they stand now; cases opened, outcomes and sums per month (UTC) in the months from `from` to `to` (both included, each end open when left out).',
          parameters: [
            programPath,
            acceptLanguage,
            { name: 'from', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }, description: 'First month, such as 2025-01' },
            { name: 'to', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }, description: 'Last month, such as 2025-12' },
          ],
          responses: { '200': { description: 'Report', content: json(ref('Report')) }, '400': error('from or to is not a month, or from comes after to (REPORT_RANGE_INVALID)'), '401': error('No credentials'), '403': error('No role in this program'), '404': error('No such program') },
        },
      },
      '/v1/cases/{caseId}': {
        get: {
          summary: 'One case with its history (caseworkers of its program; its applicant gets the status view)',
          description: 'ETag is the case version; send it as If-Match with an event.',
          security: bearer,
          parameters: [casePath, acceptLanguage],
          responses: {
            '200': { description: 'The case', content: json({ oneOf: [ref('Case'), ref('ApplicantStatus')] }) },
            '401': error('No credentials'),
            '404': error('No such case, or not yours'),
            '410': error('For an applicant token: TOKEN_EXPIRED (see /v1/status) or CASE_ERASED. The body is { code, message } and nothing about the case.'),
          },
        },
      },
      '/v1/cases/{caseId}/events': {
        post: {
          summary: 'Send a workflow event to a case',
          description:
            'Timers that are due fire first (as the system). 409 VERSION_CONFLICT when the case is no longer at the If-Match version; workflow refusals answer EVENT_REFUSED with the workflow\'s code: 403 for a role, 422 for data or guards, 409 for the case\'s state.',
          security: bearer,
          parameters: [casePath, acceptLanguage, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The case version, as in the ETag' }],
          requestBody: { required: true, content: json({ type: 'object', required: ['type'], additionalProperties: false, properties: { type: { type: 'string' }, data: { type: 'object' } } }) },
          responses: {
            '200': { description: 'Applied', content: json(ref('EventAnswer')) },
            ...common,
            '401': error('No credentials'),
            '403': error('EVENT_REFUSED with ROLE_FORBIDDEN'),
            '404': error('No such case, or not yours'),
            '409': error('VERSION_CONFLICT, or EVENT_REFUSED because of the case\'s state'),
            '410': error('CASE_ERASED: the case was erased on request and takes no more events; or TOKEN_EXPIRED for an applicant token'),
            ...bodyRefused,
            '422': error('EVENT_REFUSED: invalid data, unknown event or failed guard'),
            '428': error('If-Match missing'),
          },
        },
      },
      '/v1/cases/{caseId}/erasure': {
        post: {
          summary: "Erase a case's personal data on request (Art. 17 GDPR)",
          description:
            "Needs the role <program id>:dataProtection. Removes every field the program marks x-personal-data, except those the law obliges keeping (x-retention-basis) while their x-retention runs, the case's running deadlines and the digests of its submissions, in one transaction, and appends one audit entry (event civicflow:erasure) with the actor, the reason, the pointers removed and those kept with their basis, never the values. The retention run removes the kept fields when their retention has passed. What the program does not mark, the state, the outcomes and the history stay. The case then takes no more events, and its applicant token and idempotency keys answer 410 CASE_ERASED. A repeat changes nothing and answers the same, with Idempotent-Replayed: true.",
          security: bearer,
          parameters: [casePath, acceptLanguage],
          requestBody: {
            required: true,
            content: json({
              type: 'object',
              required: ['reason'],
              additionalProperties: false,
              properties: { reason: { type: 'string', pattern: ERASURE_REASON.source, description: "The office's reference for the request (a file or ticket number); it stays in the audit trail, so never a name.", examples: ['DSB-2026-017'] } },
            }),
          },
          responses: {
            '200': { description: 'Erased, now or before', content: json(ref('Erasure')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: a role in the program, but not dataProtection (or an applicant token)'),
            '404': error('No such case, or not yours; or the server lacks the case\'s program version'),
            ...bodyRefused,
          },
        },
      },
      '/v1/programs/{programId}/outbox': {
        get: {
          summary: "The program's outbox: the e-mails its notices send, newest first, with their state, attempts and last error",
          description: 'Needs the role <program id>:admin. Recipients and contents are not shown (they may be personal data; a sent message keeps neither).',
          security: bearer,
          parameters: [
            programPath,
            acceptLanguage,
            { name: 'state', in: 'query', schema: { enum: ['pending', 'sent', 'dead'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
          ],
          responses: {
            '200': { description: 'Messages', content: json(ref('OutboxList')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program'),
          },
        },
      },
      '/v1/programs/{programId}/outbox/{messageId}/resend': {
        post: {
          summary: 'Send a dead message again: pending, due now, its attempts counted from zero, with the same message id',
          description: 'Needs the role <program id>:admin.',
          security: bearer,
          parameters: [programPath, { name: 'messageId', in: 'path', required: true, schema: { type: 'string' } }, acceptLanguage],
          responses: {
            '200': { description: 'The message, pending again', content: json(ref('OutboxMessage')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program or message'),
            '409': error('OUTBOX_MESSAGE_NOT_DEAD: the message is pending or sent'),
          },
        },
      },
      '/v1/programs/{programId}/webhooks': {
        post: {
          summary: 'Subscribe a receiver to events of the program: the answer holds the signing secret, shown this once',
          description:
            'Needs the role <program id>:admin. Body: { "url": "https://…", "events": ["case.submitted", "case.state_changed", "case.deadline_fired", "case.closed"], "includeData": false, "description": "…" }. ' +
            'Each event is sent as a POST signed as Standard Webhooks describes (webhook-id, webhook-timestamp, webhook-signature), through the outbox, with its retries. See docs/integrating.md.',
          security: bearer,
          parameters: [programPath, acceptLanguage],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '201': { description: 'Created; the secret is in this answer only', content: json(ref('NewWebhook')) },
            ...common,
            '400': error('WEBHOOK_INVALID: details.field names what is wrong'),
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program'),
            ...bodyRefused,
          },
        },
        get: {
          summary: "The program's webhook subscriptions, oldest first, without their secrets",
          description: 'Needs the role <program id>:admin.',
          security: bearer,
          parameters: [programPath, acceptLanguage],
          responses: {
            '200': { description: 'Subscriptions', content: json(ref('WebhookList')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program'),
          },
        },
      },
      '/v1/programs/{programId}/webhooks/{webhookId}': {
        get: {
          summary: 'One webhook subscription, without its secret',
          description: 'Needs the role <program id>:admin.',
          security: bearer,
          parameters: [programPath, webhookPath, acceptLanguage],
          responses: {
            '200': { description: 'The subscription', content: json(ref('Webhook')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program or webhook'),
          },
        },
        delete: {
          summary: 'Remove a subscription: nothing more is sent to it, and what waited for it is dropped',
          description: 'Needs the role <program id>:admin.',
          security: bearer,
          parameters: [programPath, webhookPath, acceptLanguage],
          responses: {
            '204': { description: 'Removed' },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program or webhook'),
          },
        },
      },
      '/v1/programs/{programId}/webhooks/{webhookId}/deliveries': {
        get: {
          summary: "The messages sent to a subscription, newest first: state, attempts, last error and next try",
          description: 'Needs the role <program id>:admin.',
          security: bearer,
          parameters: [
            programPath,
            webhookPath,
            acceptLanguage,
            { name: 'state', in: 'query', schema: { enum: ['pending', 'sent', 'dead'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
          ],
          responses: {
            '200': { description: 'Messages', content: json(ref('OutboxList')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program or webhook'),
          },
        },
      },
      '/v1/programs/{programId}/webhooks/{webhookId}/deliveries/{messageId}/replay': {
        post: {
          summary: 'Send a webhook message again, with the same webhook-id: pending, due now, attempts from zero',
          description: 'Needs the role <program id>:admin. Possible for a message that gave up (dead), and for a sent one without personal data (its body is kept).',
          security: bearer,
          parameters: [programPath, webhookPath, { name: 'messageId', in: 'path', required: true, schema: { type: 'string' } }, acceptLanguage],
          responses: {
            '200': { description: 'The message, pending again', content: json(ref('OutboxMessage')) },
            ...common,
            '401': error('No credentials'),
            '403': error('FORBIDDEN: not an admin of the program'),
            '404': error('No such program, webhook or message'),
            '409': error('WEBHOOK_MESSAGE_NOT_REPLAYABLE: pending, or sent with personal data (its body is gone)'),
          },
        },
      },
      '/v1/status': {
        get: {
          summary: "The applicant's own case (bearer: the token from the submission receipt)",
          security: bearer,
          parameters: [acceptLanguage],
          responses: {
            '200': { description: 'Status', content: json(ref('ApplicantStatus')) },
            '401': error('No valid applicant token'),
            '403': error('Not an applicant token'),
            '410': error(`${tokenExpired.description} Or CASE_ERASED: the case was erased on request.`),
          },
        },
      },
      '/v1/status/submission.pdf': {
        get: {
          summary: "The applicant's copy of what they sent, as a PDF: reference, time sent, every answer with its label (bearer: the token from the submission receipt)",
          security: bearer,
          parameters: [acceptLanguage],
          responses: {
            '200': { description: 'The PDF, as an attachment named after the reference', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
            '401': error('No valid applicant token'),
            '403': error('Not an applicant token'),
            '404': error('The applicant has sent no form on this case yet'),
            '410': error(`${tokenExpired.description} Or CASE_ERASED: the case was erased on request.`),
          },
        },
      },
    },
  };
}
