/**
 * End to end: a whole IVR as one execution, in a real n8n 2.40.7 with the packed pack. The
 * workflow is examples/linear-ivr.json, with its placeholders filled in, the e2e credential and a
 * shorter menu timeout:
 *
 *   Incoming Call (trigger) → Answer (send events here, wait for call.answered)
 *     → Menu: Gather Using Speak (wait for call.gather.ended)
 *         → Pressed 1? → Transfer to Sales | Say Goodbye (wait for call.speak.ended) → Hang Up
 *         ↘ hang-up or timeout → Timed Out? → Hang Up After Timeout | Caller Hung Up
 *
 * The mock API plays the calls: after each command it posts the call's events, signed, to the
 * webhook URL the Answer gave it, and retries non-2xx answers per the retry policy it got.
 */
import { TelnyxMock, type Delivery, type MockCall, type RecordedRequest } from '../mock/telnyxMock';
import {
	N8nInstance,
	WebhookSigner,
	eventually,
	packInfo,
	postRaw,
	type Execution,
} from './harness';
import { E2eTests } from './e2eTest';
import {
	LINEAR as WORKFLOW,
	LINEAR_APP_ID as APP_ID,
	incoming,
	linearCallId as callId,
	ran,
	scriptCalls,
	triggerCall,
	writeLinearWorkflow,
	type Caller,
} from './linear';

jest.setTimeout(240_000);

const API_KEY = `e2e-linear-${process.pid}-${Date.now()}`;
/** The menu's wait limit in this run (the example has 60 s); n8n checks waits once a minute. */
const MENU_TIMEOUT_SECONDS = 2;

const mockRef: { mock?: TelnyxMock } = {};
let n8n: N8nInstance;
let triggerUrl = '';
const tests = E2eTests.forInstance(() => n8n, 80);
const e2e = tests.test;

function mock(): TelnyxMock {
	if (!mockRef.mock) throw new Error('mock not started');
	return mockRef.mock;
}

const callers = new Map<string, Caller>();
/** When each command reached the mock, by `<call> <action>`. */
const commandAt = new Map<string, number>();
/** How long after a command n8n kept answering 409, by `<call> <action>`. */
const windows = new Map<string, { ms: number; refused: number }>();

/**
 * Measures how long n8n refuses events after a command: posts a signed event that no wait of
 * the flow listens for (so it never resumes anything) every 20 ms until n8n answers 200.
 */
async function probeWindow(call: MockCall, action: string, since: number): Promise<void> {
	let refused = 0;
	for (let i = 0; i < 1500; i++) {
		const raw = JSON.stringify({
			data: {
				record_type: 'event',
				event_type: 'call.dtmf.received',
				id: `probe-${call.call_control_id}-${action}-${i}`,
				occurred_at: new Date().toISOString(),
				payload: { call_control_id: call.call_control_id, digit: '#' },
			},
			meta: { attempt: 1 },
		});
		const response = await postRaw(call.webhook_url!, raw, mock().signEvent(raw));
		if (response.status === 200) {
			windows.set(`${call.call_control_id} ${action}`, { ms: Date.now() - since, refused });
			return;
		}
		refused++;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

function script() {
	scriptCalls(mock(), callers, (call, action) => {
		const at = Date.now();
		commandAt.set(`${call.call_control_id} ${action}`, at);
		if (callers.get(call.call_control_id) === 'presses 1') void probeWindow(call, action, at);
	});
}

async function startCall(name: string, caller: Caller): Promise<string> {
	const call = callId(name);
	callers.set(call, caller);
	const raw = incoming(call);
	const response = await postRaw(triggerUrl, raw, mock().signEvent(raw));
	expect(response.status).toBe(200);
	return call;
}

/** The execution a call started, once `done` says so. */
async function executionOf(
	call: string,
	done: (execution: Execution) => boolean = (e) =>
		!['new', 'running', 'waiting'].includes(e.status),
	timeoutMs = 60_000,
): Promise<Execution> {
	return await eventually(
		`the execution of ${call}`,
		async () => {
			const execution = (await n8n.executions(WORKFLOW)).find((e) => triggerCall(e) === call);
			return execution && done(execution) ? execution : undefined;
		},
		timeoutMs,
	);
}

const commands = (call: string): RecordedRequest[] =>
	mock().requests.filter(
		(r) => r.path.startsWith(`/calls/${encodeURIComponent(call)}/`) && !r.fault,
	);
const actions = (call: string) => commands(call).map((r) => r.path.split('/').pop());
const deliveries = (call: string, type?: string): Delivery[] =>
	mock().deliveries.filter((d) => d.call_control_id === call && (!type || d.event_type === type));

tests.setup(async () => {
	mockRef.mock = await TelnyxMock.start();
	mock().apiKey = API_KEY;
	mock().addApplication({
		id: APP_ID,
		application_name: 'E2E linear',
		webhook_event_url: 'https://example.com/before',
	});
	script();
	n8n = new N8nInstance();
	const { file, hook } = writeLinearWorkflow(n8n.workDir, MENU_TIMEOUT_SECONDS);
	await n8n.prepare({
		tarball: packInfo().tarball,
		credentialValues: { API_KEY, PUBLIC_KEY: mock().webhookPublicKey, BASE_URL: mock().baseUrl },
		workflows: [file],
		publish: [WORKFLOW],
	});
	await n8n.start([hook]);
	triggerUrl = `${n8n.baseUrl}/webhook/${hook}`;
	await eventually(
		'the Telnyx Trigger to register its URL on the application',
		() => {
			n8n.assertPackLoaded();
			return mock().getApplication(APP_ID).webhook_event_url === triggerUrl ? true : undefined;
		},
		60_000,
	);
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await mockRef.mock?.stop();
	n8n?.cleanup(tests.keep);
	if (windows.size) {
		const lines = [...windows].map(
			([what, w]) => `  ${what}: waiting after ${w.ms} ms (${w.refused} probes answered 409)`,
		);
		process.stderr.write(
			`[e2e] how long events were refused after a command (load-dependent):\n${lines.join('\n')}\n`,
		);
	}
});

describe('a linear IVR in one execution', () => {
	// Started first: n8n looks at expired waits once a minute, so this one finishes last.
	let silent = '';
	beforeAll(async () => {
		silent = await startCall('silent', 'stays silent');
	});

	e2e(
		'the caller presses 1 and is transferred; events that came too early are retried, not lost',
		async () => {
			const call = await startCall('press-1', 'presses 1');
			const execution = await executionOf(call);
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			expect(ran(execution)).toEqual([
				'Answer',
				'Incoming Call',
				'Menu',
				'Pressed 1?',
				'Transfer to Sales',
			]);
			expect(execution.runData['Pressed 1?'][0]).toEqual([
				expect.objectContaining({
					event_type: 'call.gather.ended',
					payload: expect.objectContaining({ call_control_id: call, digits: '1' }),
				}),
			]);
			expect(actions(call)).toEqual(['answer', 'gather_using_speak', 'transfer']);

			// Answer pointed the call's events at this execution, with a retry policy.
			const answer = commands(call)[0].body as Record<string, any>;
			const url = new URL(answer.webhook_url);
			expect(`${url.origin}${url.pathname}`).toBe(
				`${n8n.baseUrl}/webhook-waiting/${execution.id}/telnyx-events`,
			);
			expect(url.searchParams.get('signature')).toMatch(/.{16,}/);
			expect(answer.webhook_retries_policies['call.answered']).toEqual({
				retries_ms: [500, 1500, 4000, 10000, 20000],
			});
			expect(answer.webhook_retries_policies['call.gather.ended']).toBeDefined();

			// call.answered reached n8n before the Answer node had even heard back: 409, then a retry got in.
			const [answered] = deliveries(call, 'call.answered');
			expect(answered.attempts[0].status).toBe(409);
			expect(answered.delivered).toBe(true);
			expect(answered.attempts.at(-1)!.status).toBe(200);
			// Events no node waited for were answered 200 and dropped; the awaited one resumed the run.
			for (const type of ['call.speak.started', 'call.dtmf.received', 'call.gather.ended'])
				expect(deliveries(call, type).map((d) => d.delivered)).toEqual([true]);
			expect(windows.has(`${call} answer`)).toBe(true);
		},
	);

	e2e('the caller hangs up during the menu: the flow ends on the hang-up output', async () => {
		const call = await startCall('hang-up', 'hangs up');
		const execution = await executionOf(call);
		expect(execution.status).toBe('success');
		expect(ran(execution)).toEqual([
			'Answer',
			'Caller Hung Up',
			'Incoming Call',
			'Menu',
			'Timed Out?',
		]);
		expect(execution.runData['Caller Hung Up'][0]).toEqual([
			expect.objectContaining({
				outcome: 'hangup',
				event_type: 'call.hangup',
				payload: expect.objectContaining({
					call_control_id: call,
					hangup_cause: 'normal_clearing',
				}),
				waited_for: ['call.gather.ended'],
			}),
		]);
		expect(actions(call)).toEqual(['answer', 'gather_using_speak']);
	});

	e2e(
		"another call's events on the same URL are ignored; the caller's own event goes on",
		async () => {
			const call = await startCall('own-call', 'waits');
			const waiting = await executionOf(call, (e) => e.status === 'waiting' && 'Menu' in e.runData);
			const url = mock().getCall(call)!.webhook_url!;
			const stranger = mock().postEvent('v3:e2e-linear-someone-else', 'call.gather.ended', {
				url,
				payload: { digits: '1', status: 'valid' },
			});
			await stranger.settled;
			// Answered 200 at once (so Telnyx does not retry it), and it resumed nothing.
			expect(stranger.attempts.map((a) => a.status)).toEqual([200]);
			const still = await executionOf(call, () => true);
			expect([still.id, still.status]).toEqual([waiting.id, 'waiting']);

			mock().postEvent(call, 'call.gather.ended', { payload: { digits: '2', status: 'valid' } });
			const execution = await executionOf(call);
			expect(execution.status).toBe('success');
			expect(ran(execution)).toEqual([
				'Answer',
				'Hang Up',
				'Incoming Call',
				'Menu',
				'Pressed 1?',
				'Say Goodbye',
			]);
			expect(execution.runData['Say Goodbye'][0]).toEqual([
				expect.objectContaining({
					event_type: 'call.speak.ended',
					payload: expect.objectContaining({ call_control_id: call }),
				}),
			]);
			expect(actions(call)).toEqual(['answer', 'gather_using_speak', 'speak', 'hangup']);
		},
	);

	e2e('a forged event is refused with 401 and the execution keeps waiting', async () => {
		const call = await startCall('forged', 'waits');
		const waiting = await executionOf(call, (e) => e.status === 'waiting' && 'Menu' in e.runData);
		const url = mock().getCall(call)!.webhook_url!;
		const forged = JSON.stringify({
			data: {
				record_type: 'event',
				event_type: 'call.gather.ended',
				id: 'evt-forged',
				occurred_at: new Date().toISOString(),
				payload: { call_control_id: call, digits: '1', status: 'valid' },
			},
		});
		// Signed, but with a key that is not the credential's.
		expect((await postRaw(url, forged, new WebhookSigner().headers(forged))).status).toBe(401);
		expect((await postRaw(url, forged, {})).status).toBe(401);
		// No token of the execution: n8n itself refuses it before the node sees it.
		expect(
			(
				await postRaw(
					url.replace(/signature=[^&]+/, 'signature=nope'),
					forged,
					mock().signEvent(forged),
				)
			).status,
		).toBe(401);

		const still = await executionOf(call, () => true);
		expect(still.id).toBe(waiting.id);
		expect(still.status).toBe('waiting');

		const real = mock().postEvent(call, 'call.gather.ended', {
			payload: { digits: '1', status: 'valid' },
		});
		await real.settled;
		expect(real.delivered).toBe(true);
		const execution = await executionOf(call);
		expect(execution.status).toBe('success');
		expect(ran(execution)).toContain('Transfer to Sales');
	});

	e2e(
		'no input: the wait times out and the flow hangs up on the timeout path',
		async () => {
			const execution = await executionOf(silent, undefined, 150_000);
			expect(execution.status).toBe('success');
			expect(ran(execution)).toEqual([
				'Answer',
				'Hang Up After Timeout',
				'Incoming Call',
				'Menu',
				'Timed Out?',
			]);
			expect(execution.runData['Timed Out?'][0]).toEqual([
				{
					outcome: 'timeout',
					call_control_id: silent,
					waited_for: ['call.gather.ended'],
					timeout_seconds: MENU_TIMEOUT_SECONDS,
				},
			]);
			expect(actions(silent)).toEqual(['answer', 'gather_using_speak', 'hangup']);
		},
		200_000,
	);
});
