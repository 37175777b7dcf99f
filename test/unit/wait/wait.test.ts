/**
 * The pure parts of the wait module: which event resumes a wait, the retry policy and URL sent
 * to Telnyx, and the fields, outputs and restart webhook the catalogue flags produce.
 */
import { NodeHelpers, Workflow, type INode, type INodeParameters } from 'n8n-workflow';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { shownFields } from '../catalogue/shown';
import {
	decide,
	eventsUrl,
	hangupEnds,
	isWaitState,
	resumeOutputs,
	retryPolicies,
	RETRY_DELAYS_MS,
	timeoutItem,
	routesEvents,
	WAIT_WEBHOOKS,
	waitProperties,
	type WaitState,
} from '../../../nodes/Telnyx/engine/wait';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { VOICE_EVENTS } from '../../../nodes/TelnyxTrigger/events';
import type { TelnyxEvent } from '../../../nodes/TelnyxTrigger/output';
import { nodeTypes } from '../../harness/runWorkflow';

const state: WaitState = {
	call: 'v3:call-a',
	events: ['call.gather.ended'],
	hangupEnds: true,
	skip: ['evt-seen'],
	timeoutSeconds: 30,
};
const event = (event_type: string, call = 'v3:call-a', id = 'evt-new'): TelnyxEvent => ({
	event_type,
	id,
	payload: { call_control_id: call },
});

describe('decide', () => {
	test('the awaited event of the awaited call resumes on the event output', () => {
		expect(decide(state, event('call.gather.ended'))).toEqual({ resume: 'event' });
	});

	test('events of another call, unawaited events and the event that led here are ignored', () => {
		expect(decide(state, event('call.gather.ended', 'v3:call-b'))).toEqual({
			ignore: 'other_call',
		});
		expect(decide(state, event('call.dtmf.received'))).toEqual({ ignore: 'not_awaited' });
		expect(decide(state, event('call.speak.ended'))).toEqual({ ignore: 'not_awaited' });
		expect(decide(state, event('call.gather.ended', 'v3:call-a', 'evt-seen'))).toEqual({
			ignore: 'already_seen',
		});
		expect(decide(state, { event_type: 'call.gather.ended', payload: {} })).toEqual({
			ignore: 'other_call',
		});
	});

	test('call.hangup ends the wait, unless it is awaited or the awaited event follows it', () => {
		expect(decide(state, event('call.hangup'))).toEqual({ resume: 'hangup' });
		expect(decide(state, event('call.hangup', 'v3:call-b'))).toEqual({ ignore: 'other_call' });
		const hangupAwaited = {
			...state,
			events: ['call.hangup'],
			hangupEnds: hangupEnds(['call.hangup']),
		};
		expect(decide(hangupAwaited, event('call.hangup'))).toEqual({ resume: 'event' });
		const recording = ['call.recording.saved', 'call.recording.error'];
		const afterHangup = { ...state, events: recording, hangupEnds: hangupEnds(recording) };
		expect(decide(afterHangup, event('call.hangup'))).toEqual({ ignore: 'not_awaited' });
		expect(decide(afterHangup, event('call.recording.saved'))).toEqual({ resume: 'event' });
	});

	test('hangupEnds', () => {
		expect(hangupEnds(['call.gather.ended'])).toBe(true);
		expect(hangupEnds(['call.speak.ended', 'call.dtmf.received'])).toBe(true);
		expect(hangupEnds(['call.hangup'])).toBe(false);
		expect(hangupEnds(['call.recording.saved'])).toBe(false);
	});

	test('isWaitState accepts what the node stores and nothing else', () => {
		expect(isWaitState(state)).toBe(true);
		expect(isWaitState(JSON.parse(JSON.stringify(state)))).toBe(true);
		for (const broken of [
			undefined,
			'text',
			{ ...state, call: '' },
			{ ...state, events: 'call.gather.ended' },
			{ ...state, skip: [1] },
			{ ...state, hangupEnds: 'yes' },
			{ ...state, timeoutSeconds: '30' },
		])
			expect(isWaitState(broken)).toBe(false);
	});
});

describe('resumeOutputs', () => {
	const delivered = {
		...event('call.gather.ended'),
		meta: {
			attempt: 2,
			delivered_to: 'https://n8n.example.com/webhook-waiting/42/telnyx-events?signature=secret',
		},
	};

	test('the awaited event goes on the first output, without the resume token', () => {
		const [first, second] = resumeOutputs(state, delivered, { resume: 'event' });
		expect(second).toEqual([]);
		expect(first).toEqual([
			{
				json: {
					event_type: 'call.gather.ended',
					id: 'evt-new',
					payload: { call_control_id: 'v3:call-a' },
					meta: {
						attempt: 2,
						delivered_to: 'https://n8n.example.com/webhook-waiting/42/telnyx-events',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(first)).not.toContain('secret');
	});

	test('a hang-up goes on the second output and says so', () => {
		const [first, second] = resumeOutputs(state, event('call.hangup'), { resume: 'hangup' });
		expect(first).toEqual([]);
		expect(second).toEqual([
			{
				json: {
					outcome: 'hangup',
					event_type: 'call.hangup',
					id: 'evt-new',
					payload: { call_control_id: 'v3:call-a' },
					waited_for: ['call.gather.ended'],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('the timeout item names the call, what was awaited and the limit', () => {
		expect(timeoutItem(state)).toEqual({
			json: {
				outcome: 'timeout',
				call_control_id: 'v3:call-a',
				waited_for: ['call.gather.ended'],
				timeout_seconds: 30,
			},
			pairedItem: { item: 0 },
		});
	});
});

describe('what the command sends to Telnyx', () => {
	test('eventsUrl puts the webhook path after the execution and keeps the resume token', () => {
		expect(eventsUrl('https://n8n.example.com/webhook-waiting/42?signature=abc')).toBe(
			'https://n8n.example.com/webhook-waiting/42/telnyx-events?signature=abc',
		);
		expect(eventsUrl('http://127.0.0.1:5678/webhook-waiting/7/')).toBe(
			'http://127.0.0.1:5678/webhook-waiting/7/telnyx-events',
		);
	});

	test('the retry policy covers every event a wait listens for, within Telnyx limits', () => {
		const policies = retryPolicies() as Record<string, { retries_ms: number[] }>;
		const listened = new Set<string>(['call.hangup']);
		for (const resource of catalogue)
			for (const operation of resource.operations) {
				for (const type of operation.waitFor ?? []) listened.add(type);
				if (operation.noRequest)
					for (const field of operation.fields)
						if (field.type === 'multiOptions')
							for (const option of field.options) listened.add(String(option.value));
			}
		expect(Object.keys(policies).sort()).toEqual([...listened].sort());
		expect(Object.keys(policies)).toEqual(
			expect.arrayContaining([
				'call.answered',
				'call.gather.ended',
				'call.speak.ended',
				'call.hangup',
			]),
		);
		expect(Object.keys(policies).some((type) => type.startsWith('conference.'))).toBe(false);
		expect(RETRY_DELAYS_MS.length).toBeLessThanOrEqual(5);
		expect(RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(60_000);
		for (const policy of Object.values(policies))
			expect(policy).toEqual({ retries_ms: RETRY_DELAYS_MS });
	});
});

describe('fields from the catalogue flags', () => {
	const operations = catalogue.flatMap((resource) =>
		resource.operations.map((operation) => ({ resource: resource.value, operation })),
	);

	test('Dial, Answer and Transfer, and only they, can send the call events to the execution', () => {
		const routing = operations.filter(({ operation }) => routesEvents(operation));
		expect(
			routing.map(({ resource, operation }) => `${resource}.${operation.value}`).sort(),
		).toEqual(['call.answer', 'call.dial', 'call.transfer']);
		for (const { operation } of routing)
			expect(waitProperties(operation)[0]).toMatchObject({
				name: 'sendEventsToExecution',
				type: 'boolean',
				default: false,
			});
	});

	test.each([
		['gatherUsingSpeak', ['call.gather.ended']],
		['speak', ['call.speak.ended']],
		['startPlayback', ['call.playback.ended']],
		['dial', ['call.answered']],
		['startRecording', ['call.recording.saved']],
		['gatherUsingAi', ['call.ai_gather.ended']],
	])('%s offers Wait For with its events', (operation, events) => {
		const spec = catalogue[0].operations.find((o) => o.value === operation)!;
		const waitFor = waitProperties(spec).find((p) => p.name === 'waitFor')!;
		const values = (waitFor.options as Array<{ value: string }>).map((o) => o.value);
		expect(waitFor.default).toBe('none');
		expect(waitFor.noDataExpression).toBe(true);
		expect(values).toEqual(expect.arrayContaining(['none', ...events]));
		expect(values.sort()).toEqual(['none', ...(spec.waitFor ?? [])].sort());
		const timeout = waitProperties(spec).find((p) => p.name === 'waitTimeout')!;
		expect(timeout.displayOptions).toEqual({ hide: { waitFor: ['none'] } });
	});

	test('every call command with a telling event gets Wait For; other operations get nothing', () => {
		for (const { operation } of operations) {
			const names = waitProperties(operation).map((p) => p.name);
			expect([operation.value, names.includes('waitFor')]).toEqual([
				operation.value,
				(operation.waitFor?.length ?? 0) > 0,
			]);
			if (!operation.waitFor && !operation.noRequest && !routesEvents(operation))
				expect([operation.value, names]).toEqual([operation.value, []]);
		}
		const waiting = operations.filter(({ operation }) => operation.waitFor?.length);
		expect(waiting.every(({ resource }) => resource === 'call')).toBe(true);
		expect(waiting.length).toBeGreaterThanOrEqual(25);
	});

	test('Wait for Event: a required event list of call events, and a timeout', () => {
		const spec = catalogue[0].operations.find((o) => o.value === 'waitForEvent')!;
		expect(spec.noRequest).toBe(true);
		const events = spec.fields.find((f) => f.type === 'multiOptions')!;
		expect(events.required).toBe(true);
		const values = (events as { options: Array<{ value: string }> }).options.map((o) => o.value);
		expect(values).toEqual(
			expect.arrayContaining(['call.gather.ended', 'call.hangup', 'streaming.started']),
		);
		expect(values.some((v) => v.startsWith('conference.'))).toBe(false);
		expect(waitProperties(spec).map((p) => p.name)).toEqual(['waitTimeout']);
		// Each entry is the trigger's event name and its type, without the trigger's longer text.
		const names = new Map(VOICE_EVENTS.map((event) => [event.type, event.name]));
		const options = (events as { options: Array<{ value: string | number }> }).options;
		for (const option of options)
			expect(option).toEqual({ name: names.get(String(option.value)), value: option.value });
	});

	test('Wait For is a bare choice; Wait Timeout, shown once a wait is chosen, carries the guidance', () => {
		const description = new Telnyx().description;
		const waitFors = description.properties.filter((p) => p.name === 'waitFor');
		expect(waitFors.length).toBeGreaterThan(1);
		for (const property of waitFors) {
			expect(property.description).toBeUndefined();
			expect(property.hint).toBeUndefined();
		}
		// One Wait Timeout for every waiting operation, with one text that holds for all of them.
		const timeouts = description.properties.filter((p) => p.name === 'waitTimeout');
		expect(timeouts).toHaveLength(1);
		const [timeout] = timeouts;
		expect(timeout.description).toMatch(/second output/);
		expect(timeout.description).toMatch(/once a minute/);
		expect(timeout.hint).toMatch(/Dial, Answer and Transfer/);
		expect(timeout.hint).toMatch(/Send This Call's Events To This Execution/);
		const waiting = operations.filter(
			({ operation }) => operation.waitFor?.length || operation.noRequest,
		);
		const own = new Set(
			waiting.map(({ operation }) =>
				JSON.stringify(waitProperties(operation).find((p) => p.name === 'waitTimeout')),
			),
		);
		expect([...own]).toEqual([
			JSON.stringify({ ...timeout, displayOptions: { hide: { waitFor: ['none'] } } }),
		]);
	});

	test.each([
		['gatherUsingSpeak', { waitFor: 'none' }, false],
		['gatherUsingSpeak', { waitFor: 'call.gather.ended' }, true],
		['dial', {}, false],
		['dial', { waitFor: 'call.answered' }, true],
		['waitForEvent', { eventTypes: ['call.dtmf.received'] }, true],
		['getStatus', {}, false],
	])("%s with %j: n8n's parameter resolution keeps Wait Timeout: %s", (operation, set, shown) => {
		const description = new Telnyx().description;
		const values = { resource: 'call', operation, ...set } as INodeParameters;
		const node = { typeVersion: 1, parameters: values } as unknown as INode;
		const resolved = NodeHelpers.getNodeParameters(
			description.properties,
			values,
			true,
			false,
			node,
			description,
		);
		expect(resolved?.waitTimeout).toBe(shown ? 120 : undefined);
	});

	test('the node description shows the fields on exactly the operations that have them', () => {
		const description = new Telnyx().description;
		const showing = (name: string) =>
			operations
				.filter(({ resource, operation }) =>
					shownFields(description, resource, operation.value).some(([path]) => path === name),
				)
				.map(({ operation }) => operation.value)
				.sort();
		expect(showing('waitFor')).toEqual(
			operations
				.filter(({ operation }) => operation.waitFor?.length)
				.map(({ operation }) => operation.value)
				.sort(),
		);
		expect(showing('sendEventsToExecution')).toEqual(['answer', 'dial', 'transfer']);
	});
});

describe('outputs and restart webhook', () => {
	const description = new Telnyx().description;
	const outputsFor = (parameters: INode['parameters']) => {
		const node: INode = {
			id: 'n1',
			name: 'Telnyx',
			type: 'n8n-nodes-telnyx-call-control.telnyx',
			typeVersion: 1,
			position: [0, 0],
			parameters,
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return NodeHelpers.getNodeOutputs(workflow, node, description);
	};

	test('one output unless the node waits; then the awaited event and the end of the wait', () => {
		expect(outputsFor({ resource: 'call', operation: 'speak' })).toEqual(['main']);
		expect(outputsFor({ resource: 'call', operation: 'speak', waitFor: 'none' })).toEqual(['main']);
		expect(outputsFor({ resource: 'queue', operation: 'get' })).toEqual(['main']);
		expect(
			outputsFor({ resource: 'call', operation: 'gatherUsingSpeak', waitFor: 'call.gather.ended' }),
		).toEqual([
			{ type: 'main', displayName: 'Gather Ended' },
			{ type: 'main', displayName: 'Hang-Up or Timeout' },
		]);
		expect(outputsFor({ resource: 'call', operation: 'dial', waitFor: 'call.answered' })).toEqual([
			{ type: 'main', displayName: 'Call Answered' },
			{ type: 'main', displayName: 'Hang-Up or Timeout' },
		]);
		expect(
			outputsFor({
				resource: 'call',
				operation: 'waitForEvent',
				eventTypes: ['call.dtmf.received'],
			}),
		).toEqual([
			{ type: 'main', displayName: 'Event' },
			{ type: 'main', displayName: 'Hang-Up or Timeout' },
		]);
		// A stale Wait For value of another operation does not change the outputs.
		expect(
			outputsFor({ resource: 'call', operation: 'getStatus', waitFor: 'call.gather.ended' }),
		).toEqual(['main']);
	});

	const everyChoice = catalogue.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			[undefined, 'none', ...(operation.waitFor ?? [])].map(
				(waitFor) =>
					[`${resource.value}.${operation.value}`, waitFor, resource.value, operation] as const,
			),
		),
	);

	test.each(everyChoice)(
		'%s with Wait For %s: the outputs',
		(_label, waitFor, resource, operation) => {
			const parameters: INode['parameters'] = { resource, operation: operation.value };
			if (waitFor !== undefined) parameters.waitFor = waitFor;
			if (operation.noRequest) parameters.eventTypes = ['call.dtmf.received'];
			const eventNames = new Map(VOICE_EVENTS.map((event) => [event.type, event.name]));
			const first = operation.noRequest
				? 'Event'
				: waitFor && waitFor !== 'none'
					? eventNames.get(waitFor)
					: undefined;
			expect(outputsFor(parameters)).toEqual(
				first
					? [
							{ type: 'main', displayName: first },
							{ type: 'main', displayName: 'Hang-Up or Timeout' },
						]
					: ['main'],
			);
		},
	);

	test.each(
		catalogue.flatMap((resource) =>
			resource.operations
				.filter((operation) => !operation.waitFor?.length)
				.map((operation) => [
					`${resource.value}.${operation.value}`,
					resource.value,
					operation.value,
				]),
		),
	)(
		"%s: n8n's parameter resolution drops a Wait For value, so the outputs need no list of commands",
		(_label, resource, operation) => {
			const values = { resource, operation, waitFor: 'call.gather.ended' } as INodeParameters;
			const node = { typeVersion: 1, parameters: values } as unknown as INode;
			for (const returnDefaults of [true, false]) {
				const resolved = NodeHelpers.getNodeParameters(
					description.properties,
					values,
					returnDefaults,
					false,
					node,
					description,
				);
				expect(resolved).not.toHaveProperty('waitFor');
			}
		},
	);

	test('one restart webhook: POST <resume URL>/telnyx-events, never registered on activation', () => {
		expect(description.webhooks).toBe(WAIT_WEBHOOKS);
		expect(WAIT_WEBHOOKS).toEqual([
			expect.objectContaining({
				httpMethod: 'POST',
				path: 'telnyx-events',
				restartWebhook: true,
				responseMode: 'onReceived',
				responseData: 'noData',
			}),
		]);
		expect(typeof new Telnyx().webhook).toBe('function');
	});
});
