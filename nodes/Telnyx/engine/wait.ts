/**
 * Linear call flows: a Telnyx node sends its command, then the same execution waits for the
 * call event that says the command has done its work (a gather ended, a prompt was spoken).
 *
 * Built on n8n's waiting executions, with nothing kept in process memory:
 * - Dial, Answer and Transfer can point the call's webhooks at `<resume URL>/telnyx-events`
 *   (this execution's resume URL and the node's restart webhook), with a retry policy.
 * - `execute()` sends the command, stores what it waits for in its node context, puts its
 *   timeout output on its own stack entry and calls `putExecutionToWait(timeout)`. All of it
 *   is saved with the execution.
 * - n8n hands every request on the resume URL to `webhook()` of the waiting node, which
 *   checks the Ed25519 signature and either resumes the execution with the event (it returns
 *   `workflowData`) or ignores it (it answers 200 and returns none, so the execution keeps
 *   waiting).
 * - If the timeout passes first, n8n resumes the execution by itself and forwards the
 *   prepared timeout output.
 * So in queue mode a webhook process may take the event and a worker continue the run.
 *
 * Output 0 carries the awaited event, output 1 the end of the wait without it: the call hung
 * up, or the timeout passed.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { UNAUTHORIZED, answer, verifyDelivery } from '../../TelnyxTrigger/delivery';
import { VOICE_EVENTS } from '../../TelnyxTrigger/events';
import { parseDelivery, toOutputItem, type TelnyxEvent } from '../../TelnyxTrigger/output';
import { describeReason } from '../../TelnyxTrigger/verify';
import { catalogue, findOperation } from '../catalogue';
import { caseFixes, paramName, withCaseFixes } from '../catalogue/builder';
import type { FieldSpec, OperationSpec, ResourceSpec } from '../catalogue/types';
import { fieldMessage } from './request';

/** Path of the restart webhook below the execution's resume URL. */
export const EVENTS_PATH = 'telnyx-events';

/** Key of the wait in the node context, which n8n saves with the execution. */
export const WAIT_STATE_KEY = 'telnyxWait';

export const SEND_EVENTS_PARAM = 'sendEventsToExecution';
export const WAIT_FOR_PARAM = 'waitFor';
export const WAIT_TIMEOUT_PARAM = 'waitTimeout';
export const NO_WAIT = 'none';
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 120;

const SEND_EVENTS_NAME = "Send This Call's Events To This Execution";
const WAIT_FOR_NAME = 'Wait For';
const WAIT_TIMEOUT_NAME = 'Wait Timeout (Seconds)';

export const EVENT_OUTPUT = 0;
export const ENDED_OUTPUT = 1;

/**
 * How long Telnyx waits before each new attempt of an event that got no 2xx answer: n8n
 * answers 409 while the execution runs (between a command and its wait). Telnyx allows at
 * most 5 retries and 60 seconds in all.
 */
export const RETRY_DELAYS_MS = [500, 1500, 4000, 10000, 20000];

const HANGUP = 'call.hangup';

/** Events Telnyx sends after the hang-up: waiting for one of them outlasts call.hangup. */
const AFTER_HANGUP = new Set([
	'call.cost',
	'call.conversation_insights.generated',
	'call.recording.error',
	'call.recording.saved',
	'call.recording.transcription.saved',
]);

const EVENT_NAMES = new Map(VOICE_EVENTS.map((event) => [event.type, event.name]));

/** What a waiting node waits for. Saved in its node context; read back by `webhook()`. */
export interface WaitState {
	/** The call leg whose events count. */
	call: string;
	/** The event types that resume the execution on the event output. */
	events: string[];
	/** Whether call.hangup resumes the execution on the ended output. */
	hangupEnds: boolean;
	/** Event IDs that must not resume this wait: the event the node received as input. */
	skip: string[];
	timeoutSeconds: number;
}

export type Decision =
	| { resume: 'event' | 'hangup' }
	| { ignore: 'other_call' | 'already_seen' | 'not_awaited' };

// ---------------------------------------------------------------------------------------
// Pure parts
// ---------------------------------------------------------------------------------------

/** What to do with a verified event while `state` is the wait. */
export function decide(state: WaitState, event: TelnyxEvent): Decision {
	if (event.payload.call_control_id !== state.call) return { ignore: 'other_call' };
	if (event.id !== undefined && state.skip.includes(event.id)) return { ignore: 'already_seen' };
	if (state.events.includes(event.event_type)) return { resume: 'event' };
	if (event.event_type === HANGUP && state.hangupEnds) return { resume: 'hangup' };
	return { ignore: 'not_awaited' };
}

/** Whether the end of the call ends a wait for these events (it does not when they follow it). */
export function hangupEnds(events: string[]): boolean {
	return !events.includes(HANGUP) && !events.some((type) => AFTER_HANGUP.has(type));
}

export function isWaitState(value: unknown): value is WaitState {
	if (!value || typeof value !== 'object') return false;
	const state = value as Record<string, unknown>;
	const strings = (list: unknown) =>
		Array.isArray(list) && list.every((entry) => typeof entry === 'string');
	return (
		typeof state.call === 'string' &&
		state.call !== '' &&
		strings(state.events) &&
		strings(state.skip) &&
		typeof state.hangupEnds === 'boolean' &&
		typeof state.timeoutSeconds === 'number'
	);
}

/** The URL Telnyx posts the call's events to: the resume URL with the webhook's path added. */
export function eventsUrl(resumeUrl: string): string {
	const url = new URL(resumeUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/${EVENTS_PATH}`;
	return url.toString();
}

/** Every event a wait can listen for, in the catalogue: Wait For choices and Wait for Event's list. */
function listenedEvents(resources: ResourceSpec[]): string[] {
	const types = new Set<string>([HANGUP]);
	for (const resource of resources) {
		for (const operation of resource.operations) {
			for (const type of operation.waitFor ?? []) types.add(type);
			const field = eventsField(operation);
			if (field) for (const option of field.options) types.add(String(option.value));
		}
	}
	return [...types].sort();
}

/** `webhook_retries_policies`: the same retries for every event a wait may listen for. */
export function retryPolicies(resources: ResourceSpec[] = catalogue): IDataObject {
	const policies: IDataObject = {};
	for (const type of listenedEvents(resources))
		policies[type] = { retries_ms: [...RETRY_DELAYS_MS] };
	return policies;
}

/** The ended output when the timeout passed first. */
export function timeoutItem(state: WaitState): INodeExecutionData {
	return {
		json: {
			outcome: 'timeout',
			call_control_id: state.call,
			waited_for: [...state.events],
			timeout_seconds: state.timeoutSeconds,
		},
		pairedItem: { item: 0 },
	};
}

/**
 * Telnyx says in `meta.delivered_to` where it posted the event: here the resume URL, whose
 * query holds n8n's resume token. The token stays out of the output.
 */
function withoutResumeToken(item: IDataObject): IDataObject {
	const meta = item.meta as IDataObject | undefined;
	if (!meta || typeof meta.delivered_to !== 'string') return item;
	return { ...item, meta: { ...meta, delivered_to: meta.delivered_to.split('?')[0] } };
}

/** The node's outputs for `decision` (which must resume). */
export function resumeOutputs(
	state: WaitState,
	event: TelnyxEvent,
	decision: { resume: 'event' | 'hangup' },
): INodeExecutionData[][] {
	const item = withoutResumeToken(toOutputItem(event));
	if (decision.resume === 'event') return [[{ json: item, pairedItem: { item: 0 } }], []];
	return [
		[],
		[
			{
				json: { outcome: 'hangup', ...item, waited_for: [...state.events] },
				pairedItem: { item: 0 },
			},
		],
	];
}

// ---------------------------------------------------------------------------------------
// Description: fields, outputs, restart webhook
// ---------------------------------------------------------------------------------------

function eventName(type: string): string {
	return EVENT_NAMES.get(type) ?? type;
}

const routing = new WeakMap<OperationSpec, boolean>();

/** Commands that take a `webhook_url`: Dial, Answer and Transfer. Looked up once per operation. */
export function routesEvents(operation: OperationSpec): boolean {
	let routes = routing.get(operation);
	if (routes === undefined) {
		routes = operation.fields.some((field) => field.key === 'webhook_url');
		routing.set(operation, routes);
	}
	return routes;
}

/** The event list of a no-request operation (Wait for Event). */
function eventsField(operation: OperationSpec): (FieldSpec & { type: 'multiOptions' }) | undefined {
	if (!operation.noRequest) return undefined;
	return operation.fields.find(
		(field): field is FieldSpec & { type: 'multiOptions' } => field.type === 'multiOptions',
	);
}

/**
 * Shown once a wait is chosen, so the guidance on waiting lives here, once. The text holds for
 * Dial, Answer and Transfer (they route the call's events here when they wait), for the other
 * commands and for Wait for Event (they rely on an earlier one). The condition on Wait For
 * never hides it on Wait for Event, which has no such field, so every operation shares it.
 */
const WAIT_TIMEOUT: INodeProperties = {
	displayName: WAIT_TIMEOUT_NAME,
	name: WAIT_TIMEOUT_PARAM,
	type: 'number',
	default: DEFAULT_WAIT_TIMEOUT_SECONDS,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	description:
		'How long to wait before leaving by the second output, as a hang-up does. n8n checks waiting executions once a minute, so it can be up to a minute later.',
	hint: "Only the call's events sent to this execution count. Dial, Answer and Transfer send them when they wait or with Send This Call's Events To This Execution; other commands rely on an earlier one that did.",
	displayOptions: { hide: { [WAIT_FOR_PARAM]: [NO_WAIT] } },
};

/**
 * The fields an operation gets for routing and waiting, from its catalogue flags. The builder
 * ties them to the operation (and shares them between operations that show the same field).
 */
export function waitProperties(operation: OperationSpec): INodeProperties[] {
	const properties: INodeProperties[] = [];
	if (routesEvents(operation)) {
		properties.push({
			displayName: SEND_EVENTS_NAME,
			name: SEND_EVENTS_PARAM,
			type: 'boolean',
			default: false,
			description:
				"Whether Telnyx sends this call's webhooks to this execution instead of the application's webhook URL, so that later Telnyx nodes can wait for them",
		});
	}
	if (operation.waitFor?.length) {
		// One copy per distinct event list: the guidance lives once, on Wait Timeout.
		properties.push({
			displayName: WAIT_FOR_NAME,
			name: WAIT_FOR_PARAM,
			type: 'options',
			noDataExpression: true,
			default: NO_WAIT,
			options: [
				{ name: 'None', value: NO_WAIT },
				...operation.waitFor.map((type) => ({ name: eventName(type), value: type })),
			].sort((a, b) => a.name.localeCompare(b.name)),
		});
	}
	if (operation.waitFor?.length || operation.noRequest) properties.push(WAIT_TIMEOUT);
	return properties;
}

/** An event type in words, as the outputs expression spells it: `call.gather.ended` → `Gather Ended`. */
function spelledEvent(type: string): string {
	const words = type.split(/[._]/);
	if (words[0] === 'call' && words.length > 2) words.shift();
	return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/**
 * The node's outputs as an n8n expression over its parameters: one output, or two when the
 * operation waits (named after the awaited event, and "Hang-Up or Timeout").
 *
 * A Wait For value counts whatever the operation: n8n resolves a node's parameters against
 * the description (in the editor when it loads, adds or edits a node, and when it builds a
 * workflow to run), which drops the value of a field the operation does not show. The event is
 * named by spelling its type out, with case fixes and the names that spelling misses.
 */
export function waitOutputs(resources: ResourceSpec[]): `={{${string}}}` {
	const listeners: string[] = [];
	const types = new Set<string>();
	for (const resource of resources) {
		for (const operation of resource.operations) {
			if (operation.noRequest) listeners.push(`${resource.value}:${operation.value}`);
			for (const type of operation.waitFor ?? []) types.add(type);
		}
	}
	const fixes = caseFixes(
		[...types].map((type) => ({ spelled: spelledEvent(type), name: eventName(type) })),
	);
	const exceptions: Record<string, string> = {};
	for (const type of types)
		if (withCaseFixes(spelledEvent(type), fixes) !== eventName(type))
			exceptions[type] = eventName(type);
	const json = (value: unknown) => JSON.stringify(value);
	const spell =
		't.split(/[._]/).filter((x, i, a) => i || x != "call" || a.length < 3)' +
		'.map((x) => x.charAt(0).toUpperCase() + x.slice(1)).map((x) => f[x] ?? x).join(" ")';
	const body =
		`((p, l, f, e) => { const t = p.${WAIT_FOR_PARAM}, ` +
		`w = l.includes(p.resource + ":" + p.operation) ? "Event" : t && t != ${json(NO_WAIT)} ? e[t] || ${spell} : ""; ` +
		'return w ? [{ type: "main", displayName: w }, { type: "main", displayName: "Hang-Up or Timeout" }] : ["main"]; })' +
		`($parameter, ${json(listeners)}, ${json(fixes)}, ${json(exceptions)})`;
	return `={{ ${body} }}`;
}

/**
 * The restart webhook: n8n calls `webhook()` of the waiting node with each request on
 * `<resume URL>/telnyx-events`. n8n never registers restart webhooks when a workflow is
 * activated (so there is no webhook lifecycle to implement), and it hides them in the editor.
 */
export const WAIT_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		path: EVENTS_PATH,
		responseMode: 'onReceived',
		responseData: 'noData',
		restartWebhook: true,
		ndvHideUrl: true,
	},
];

// ---------------------------------------------------------------------------------------
// Execute: route, send, wait
// ---------------------------------------------------------------------------------------

function fieldError(
	ctx: IExecuteFunctions,
	displayName: string,
	reason: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), fieldMessage({ displayName } as FieldSpec, reason), {
		itemIndex,
	});
}

/** Reads a node parameter for an item; the executor passes one that reads each parameter once per run when it can. */
export type ParameterRead = (name: string, itemIndex: number, fallback: unknown) => unknown;

function waitChoice(
	ctx: IExecuteFunctions,
	operation: OperationSpec,
	itemIndex: number,
	read: ParameterRead = (name, index, fallback) => ctx.getNodeParameter(name, index, fallback),
): string {
	if (!operation.waitFor?.length) return NO_WAIT;
	const value = read(WAIT_FOR_PARAM, itemIndex, NO_WAIT);
	return typeof value === 'string' && value !== '' ? value : NO_WAIT;
}

/**
 * Points the call's webhooks at this execution when the user asked for it, or when the
 * command itself waits (it would wait in vain otherwise). Called by the executor for every
 * item, after the request is planned and before anything is sent.
 */
export function applyEventRouting(
	ctx: IExecuteFunctions,
	operation: OperationSpec,
	itemIndex: number,
	body: IDataObject,
	read: ParameterRead = (name, index, fallback) => ctx.getNodeParameter(name, index, fallback),
): void {
	if (!routesEvents(operation)) return;
	const asked = read(SEND_EVENTS_PARAM, itemIndex, false) === true;
	if (!asked && waitChoice(ctx, operation, itemIndex, read) === NO_WAIT) return;
	const fieldName = (key: string) =>
		operation.fields.find((field) => field.key === key)?.displayName ?? key;
	if (body.webhook_url !== undefined) {
		throw fieldError(
			ctx,
			fieldName('webhook_url'),
			`cannot be set when the call's events go to this execution ("${SEND_EVENTS_NAME}" or "${WAIT_FOR_NAME}")`,
			itemIndex,
		);
	}
	if (body.webhook_url_method !== undefined && body.webhook_url_method !== 'POST') {
		throw fieldError(
			ctx,
			fieldName('webhook_url_method'),
			"must be POST when the call's events go to this execution",
			itemIndex,
		);
	}
	const resumeUrl = ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex);
	body.webhook_url = eventsUrl(String(resumeUrl));
	const own = body.webhook_retries_policies;
	body.webhook_retries_policies = {
		...retryPolicies(),
		...(own && typeof own === 'object' && !Array.isArray(own) ? (own as IDataObject) : {}),
	};
}

interface WaitPlan {
	events: string[];
	timeoutSeconds: number;
	/** The call from the node's Call Control ID field; Dial learns it from the response. */
	call?: string;
	noRequest: boolean;
}

function toStrings(value: NodeParameterValueType | object): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** Reads and checks everything the wait needs, before any request is sent. */
function planWait(ctx: IExecuteFunctions): WaitPlan | undefined {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = findOperation(resource, ctx.getNodeParameter('operation', 0) as string);
	if (!operation || (!operation.waitFor?.length && !operation.noRequest)) return undefined;

	let events: string[];
	let asking: string;
	const listField = eventsField(operation);
	if (listField) {
		asking = listField.displayName;
		events = toStrings(ctx.getNodeParameter(paramName(listField), 0, []));
		const known = listField.options.map((option) => String(option.value));
		const unknown = events.filter((type) => !known.includes(type));
		if (events.length === 0) throw fieldError(ctx, asking, 'is empty', 0);
		if (unknown.length)
			throw fieldError(ctx, asking, `has unknown events: ${unknown.join(', ')}`, 0);
	} else {
		asking = WAIT_FOR_NAME;
		const choice = waitChoice(ctx, operation, 0);
		if (choice === NO_WAIT) return undefined;
		if (!operation.waitFor!.includes(choice))
			throw fieldError(
				ctx,
				asking,
				`must be one of ${[NO_WAIT, ...operation.waitFor!].join(', ')}, not "${choice}"`,
				0,
			);
		events = [choice];
	}

	const count = ctx.getInputData().length;
	if (count !== 1) {
		throw fieldError(
			ctx,
			asking,
			`needs exactly one input item, because one execution waits for one call; got ${count}. Run a sub-workflow per call instead.`,
			0,
		);
	}
	if (ctx.isToolExecution?.())
		throw fieldError(ctx, asking, 'cannot wait when the node runs as an AI tool', 0);

	const timeout = ctx.getNodeParameter(WAIT_TIMEOUT_PARAM, 0, DEFAULT_WAIT_TIMEOUT_SECONDS);
	if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1)
		throw fieldError(
			ctx,
			WAIT_TIMEOUT_NAME,
			`must be a whole number of seconds, at least 1, not "${String(timeout)}"`,
			0,
		);

	const callField = operation.fields.find(
		(field) => field.key === 'call_control_id' && operation.path.includes('{call_control_id}'),
	);
	let call: string | undefined;
	if (callField) {
		const value = ctx.getNodeParameter(paramName(callField), 0, '');
		call = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
		if (call === '') throw fieldError(ctx, callField.displayName, 'is empty', 0);
	}
	return { events, timeoutSeconds: timeout, call, noRequest: operation.noRequest === true };
}

/** An item Continue On Fail made from a failed command. */
function isErrorItem(item: INodeExecutionData): boolean {
	return item.json !== null && typeof item.json === 'object' && 'error' in item.json;
}

/**
 * Stores the wait and pauses the execution. The timeout output goes on the node's own stack
 * entry: when n8n resumes a waiting execution without a request, it passes that entry's data
 * on as the node's outputs.
 */
async function startWait(ctx: IExecuteFunctions, state: WaitState): Promise<void> {
	ctx.getContext('node')[WAIT_STATE_KEY] = state;
	const entry = ctx.getExecuteData();
	entry.data = { main: [[], [timeoutItem(state)]] };
	ctx.setMetadata({ forwardAllOutputs: true });
	await ctx.putExecutionToWait(new Date(Date.now() + state.timeoutSeconds * 1000));
}

/** The node's `execute()`: runs the operation, then waits when asked to. */
export async function executeWithWait(
	this: IExecuteFunctions,
	run: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	const plan = planWait(this);
	if (!plan) return await run.call(this);

	const sent = plan.noRequest ? [] : ((await run.call(this))[0] ?? []);
	if (!plan.noRequest && (sent.length === 0 || isErrorItem(sent[0]))) return [sent];

	const reply = sent[0]?.json;
	const call =
		plan.call ?? (typeof reply?.call_control_id === 'string' ? reply.call_control_id : '');
	if (call === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Telnyx answered without a call control ID to wait on',
			{
				itemIndex: 0,
			},
		);
	}
	const input = this.getInputData()[0]?.json ?? {};
	const skip =
		typeof input.event_type === 'string' && typeof input.id === 'string' ? [input.id] : [];
	await startWait(this, {
		call,
		events: plan.events,
		hangupEnds: hangupEnds(plan.events),
		skip,
		timeoutSeconds: plan.timeoutSeconds,
	});
	// Shown while the execution waits; n8n replaces it with the outputs it resumes with.
	return [sent, []];
}

// ---------------------------------------------------------------------------------------
// Webhook: verify, match, resume or keep waiting
// ---------------------------------------------------------------------------------------

/** A JavaScript string literal that holds no braces, so it is safe inside `{{ }}`. */
function literal(text: string): string {
	return JSON.stringify(text).replace(
		/[{}]/g,
		(brace) => `\\u00${brace.charCodeAt(0).toString(16)}`,
	);
}

/** The wait the node stored in its context, read through n8n's expression data. */
function readState(ctx: IWebhookFunctions): WaitState | undefined {
	const expression = `{{ $node[${literal(ctx.getNode().name)}].context[${literal(WAIT_STATE_KEY)}] }}`;
	const value = ctx.evaluateExpression(expression, 0);
	return isWaitState(value) ? value : undefined;
}

async function handleEvent(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const res = ctx.getResponseObject();
	const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;

	const verdict = await verifyDelivery(ctx, rawBody);
	if (!verdict.ok) {
		ctx.logger.warn(
			`Telnyx node rejected an event for its waiting execution: ${describeReason(verdict.reason)}`,
			{
				node: ctx.getNode().name,
			},
		);
		return answer(res, 401, UNAUTHORIZED);
	}

	const parsed = parseDelivery(req.body, rawBody, req.contentType);
	if (!parsed.ok) return answer(res, 400, { message: parsed.reason });

	const state = readState(ctx);
	if (!state) {
		ctx.logger.warn('Telnyx node got an event but finds no wait in its execution data', {
			node: ctx.getNode().name,
		});
		return answer(res, 200);
	}
	const decision = decide(state, parsed.event);
	if ('ignore' in decision) return answer(res, 200);
	// n8n answers 200 once it has taken the execution over; a concurrent resume gets an error
	// status, and Telnyx delivers that event again later.
	return { workflowData: resumeOutputs(state, parsed.event, decision) };
}

/** The node's `webhook()`. Never throws: a failure is answered 500, so Telnyx retries. */
export async function handleWaitWebhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return await handleEvent(ctx);
	} catch (error) {
		ctx.logger.error(
			`Telnyx node could not handle an event for its waiting execution: ${(error as Error)?.message ?? String(error)}`,
			{ node: ctx.getNode().name },
		);
		return answer(ctx.getResponseObject(), 500, { message: 'The event could not be handled' });
	}
}
