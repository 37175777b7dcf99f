/**
 * Queue mode: the packed pack in an n8n 2.40.7 cluster on loopback (Postgres, Redis, one main,
 * 2 workers, 2 webhook processes behind a round-robin balancer), talking to the Telnyx mock. The
 * end-to-end flows of test/e2e run here unchanged, and the linear IVR (a waiting execution
 * resumed through the balancer); then a redelivery across webhook processes, and a load of
 * 1,000 events.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TelnyxMock } from '../mock/telnyxMock';
import {
	APP_ID,
	FAULTS,
	FAULTS_HOOK,
	INBOUND,
	INBOUND_HOOK,
	addApplications,
	callA,
	callPath,
	callRequests,
	commandId,
	faultsFlow,
	inboundFlow,
	outboundFlow,
	triggerEventIds,
	type FlowContext,
} from '../e2e/flows';
import {
	eventually,
	host,
	packInfo,
	postRaw,
	telnyxEvent,
	type Execution,
	type WebhookSigner,
} from '../e2e/harness';
import {
	LINEAR,
	LINEAR_APP_ID,
	SALES,
	incoming,
	linearCallId,
	ran,
	scriptCalls,
	triggerCall,
	writeLinearWorkflow,
	type Caller,
} from '../e2e/linear';
import { E2eTests } from '../e2e/e2eTest';
import { QueueCluster } from './cluster';
import { deliverEvents, loadEvent } from './load';

jest.setTimeout(300_000);

const API_KEY = `queue-key-${process.pid}-${Date.now()}`;
/** Long enough that no menu of these tests times out (the e2e suite tests the timeout). */
const MENU_TIMEOUT_SECONDS = 60;
let mock: TelnyxMock;
// Everything is signed with the mock's key, which plays Telnyx for both kinds of flow.
const signer: Pick<WebhookSigner, 'headers'> = { headers: (raw) => mock.signEvent(raw) };
let cluster: QueueCluster;
/** A failure message ends with the tails of every n8n process's log. */
const tests = new E2eTests((lines) => cluster?.logTails(lines) ?? '', 30, 60);
const queueTest = tests.test;
let linearHook = '';
const callers = new Map<string, Caller>();
const workflowDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-queue-workflows-'));

function flowContext(): FlowContext {
	return {
		mock,
		signer,
		webhookUrl: (hookPath) => cluster.webhookUrl(hookPath),
		settledExecutions: (workflowId, count, timeoutMs) =>
			cluster.settledExecutions(workflowId, count, timeoutMs),
		// `n8n execute` beside the cluster, on the same database, with its own task broker port.
		cliEnv: async () => ({
			...cluster.main.env,
			N8N_RUNNERS_BROKER_PORT: String(await host.freePort()),
		}),
	};
}

/** Waits until a worker has logged each execution of the workflow as finished. */
async function expectRunByWorkers(workflowId: string): Promise<void> {
	const ids = (await cluster.executionStatuses(workflowId)).map((e) => e.id);
	expect(ids.length).toBeGreaterThan(0);
	let missing: number[] = [];
	try {
		await eventually(
			`workers to log ${workflowId}'s executions as finished`,
			() => {
				const ran = new Set([...cluster.finishedByWorker().values()].flat());
				missing = ids.filter((id) => !ran.has(id));
				return missing.length === 0 ? true : undefined;
			},
			15_000,
		);
	} catch {
		expect({ notRunByAWorker: missing }).toEqual({ notRunByAWorker: [] });
	}
}

tests.setup(async () => {
	mock = await TelnyxMock.start();
	mock.apiKey = API_KEY;
	addApplications(mock);
	mock.addApplication({
		id: LINEAR_APP_ID,
		application_name: 'E2E linear',
		webhook_event_url: 'https://example.com/before',
	});
	scriptCalls(mock, callers);
	const linear = writeLinearWorkflow(workflowDir, MENU_TIMEOUT_SECONDS);
	linearHook = linear.hook;
	cluster = await QueueCluster.start({
		tarball: packInfo().tarball,
		credentialValues: { API_KEY, PUBLIC_KEY: mock.webhookPublicKey, BASE_URL: mock.baseUrl },
		workflows: [
			'inbound.workflow.json',
			'faults.workflow.json',
			'outbound.workflow.json',
			linear.file,
		],
		publish: [INBOUND, FAULTS, LINEAR],
		webhookPaths: [INBOUND_HOOK, FAULTS_HOOK, linearHook],
	});
	// The main activated the triggers, which registered the balancer's URLs on the applications.
	await eventually(
		'the Telnyx Triggers to register the balanced URLs on the applications',
		() => {
			cluster.assertPackLoaded();
			return mock.getApplication(APP_ID).webhook_event_url === cluster.webhookUrl(INBOUND_HOOK) &&
				mock.getApplication(LINEAR_APP_ID).webhook_event_url === cluster.webhookUrl(linearHook)
				? true
				: undefined;
		},
		60_000,
	);
}, 900_000);

afterAll(async () => {
	await cluster?.stop();
	await mock?.stop();
	cluster?.cleanup(tests.keep);
	fs.rmSync(workflowDir, { recursive: true, force: true });
});

describe('the end-to-end flows in queue mode', () => {
	queueTest('inbound call flow, through the balancer, run by the workers', async () => {
		await inboundFlow(flowContext());
		await expectRunByWorkers(INBOUND);
	});

	queueTest('with 30% injected faults, every command is executed once, by a worker', async () => {
		await faultsFlow(flowContext());
		await expectRunByWorkers(FAULTS);
	});

	queueTest('outbound flow with n8n execute on the shared database', async () => {
		await outboundFlow(flowContext());
	});
});

describe('the linear IVR in queue mode: one execution that waits, resumed on the workers', () => {
	/** Starts a call through the balancer and returns its execution once `done` says so. */
	async function call(name: string, caller: Caller): Promise<Execution> {
		const id = linearCallId(`queue-${name}`);
		callers.set(id, caller);
		const raw = incoming(id);
		expect((await postRaw(cluster.webhookUrl(linearHook), raw, signer.headers(raw))).status).toBe(
			200,
		);
		return await eventually(
			`the execution of ${id}`,
			async () => {
				const execution = (await cluster.executions(LINEAR)).find((e) => triggerCall(e) === id);
				return execution && !['new', 'running', 'waiting'].includes(execution.status)
					? execution
					: undefined;
			},
			120_000,
		);
	}

	const actions = (id: string) =>
		mock.requests
			.filter((r) => r.path.startsWith(`${callPath(id)}/`) && !r.fault)
			.map((r) => r.path.split('/').pop());

	queueTest('the caller presses 1 and is transferred', async () => {
		const execution = await call('press-1', 'presses 1');
		const id = linearCallId('queue-press-1');
		expect([execution.mode, execution.status]).toEqual(['webhook', 'success']);
		expect(ran(execution)).toEqual([
			'Answer',
			'Incoming Call',
			'Menu',
			'Pressed 1?',
			'Transfer to Sales',
		]);
		expect(actions(id)).toEqual(['answer', 'gather_using_speak', 'transfer']);
		const transfer = mock.requests.find((r) => r.path === callPath(id, 'transfer'));
		expect((transfer?.body as Record<string, unknown>).to).toBe(SALES);
		// The call's events went to the balancer, which handed them to a webhook process.
		const answer = mock.requests.find((r) => r.path === callPath(id, 'answer'));
		const url = new URL((answer?.body as Record<string, string>).webhook_url);
		expect(`${url.origin}${url.pathname}`).toBe(
			`${cluster.balancer.url}/webhook-waiting/${execution.id}/telnyx-events`,
		);
		for (const type of ['call.answered', 'call.gather.ended'])
			expect(
				mock.deliveries
					.filter((d) => d.call_control_id === id && d.event_type === type)
					.map((d) => d.delivered),
			).toEqual([true]);
		await expectRunByWorkers(LINEAR);
	});

	queueTest(
		'the caller hangs up during the menu: the flow ends on the hang-up output',
		async () => {
			const execution = await call('hang-up', 'hangs up');
			expect([execution.mode, execution.status]).toEqual(['webhook', 'success']);
			expect(ran(execution)).toEqual([
				'Answer',
				'Caller Hung Up',
				'Incoming Call',
				'Menu',
				'Timed Out?',
			]);
			expect(actions(linearCallId('queue-hang-up'))).toEqual(['answer', 'gather_using_speak']);
			await expectRunByWorkers(LINEAR);
		},
	);
});

describe('redelivery across processes', () => {
	/**
	 * Delivers one signed event (the same bytes, the same headers) straight to each webhook
	 * process, `together` or one after the other, and checks the effects: 1 or 2 executions (each
	 * process has its own duplicate memory), every command received once per execution with the
	 * same command_id, and carried out once.
	 */
	async function redeliver(name: string, together: boolean): Promise<void> {
		const lastBefore = await cluster.lastExecutionId();
		const start = mock.requests.length;
		const call = { ...callA, call_control_id: `v3:queue-redelivery-${name}` };
		const eventId = `evt-queue-redelivery-${name}`;
		const raw = telnyxEvent('call.initiated', eventId, call);
		const headers = signer.headers(raw);
		const urls = cluster.webhookProcesses.map((p) => `${p.baseUrl}/webhook/${INBOUND_HOOK}`);
		const statuses: number[] = [];
		if (together) {
			for (const r of await Promise.all(urls.map((url) => postRaw(url, raw, headers))))
				statuses.push(r.status);
		} else {
			for (const url of urls) {
				statuses.push((await postRaw(url, raw, headers)).status);
				// Let the first execution finish, as when Telnyx retries after a timeout.
				await mock.waitFor(() => callRequests(mock, start).length >= 3, 30_000);
			}
		}
		expect(statuses).toEqual(urls.map(() => 200));

		// An event is acknowledged only once its execution is stored, so they all exist now.
		const started = (await cluster.executionStatuses(INBOUND)).filter((e) => e.id > lastBefore);
		expect(started.length).toBeGreaterThanOrEqual(1);
		expect(started.length).toBeLessThanOrEqual(2);
		const executions = await cluster.settledExecutionsAfter(INBOUND, lastBefore, started.length);
		expect(executions.map((e) => [e.status, e.runData['Telnyx Trigger'][0][0].id])).toEqual(
			started.map(() => ['success', eventId]),
		);

		const actions = ['answer', 'speak', 'gather'].map(
			(action) => `POST ${callPath(call.call_control_id, action)}`,
		);
		await mock.waitFor(
			() => callRequests(mock, start).length >= actions.length * executions.length,
			30_000,
		);
		const received = callRequests(mock, start);
		// Each execution sent each command once, and both sent the same command IDs.
		expect(received.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
			executions.flatMap(() => actions).sort(),
		);
		for (const action of actions) {
			const ids = received.filter((r) => `${r.method} ${r.path}` === action).map(commandId);
			expect(new Set(ids).size).toBe(1);
		}
		// Telnyx (the mock) carried out each command once.
		const executed = mock
			.executed()
			.filter((r) => r.path.startsWith(`${callPath(call.call_control_id)}/`));
		expect(executed.map((r) => `${r.method} ${r.path}`).sort()).toEqual([...actions].sort());
	}

	queueTest(
		'the same signed event at both webhook processes at once: each command is carried out once',
		async () => {
			await redeliver('together', true);
		},
	);

	queueTest(
		'the same signed event again at the other webhook process after the first run: each command is carried out once',
		async () => {
			await redeliver('later', false);
		},
	);
});

describe('load', () => {
	queueTest(
		'1,000 distinct events at concurrency 20: all acknowledged, 1,000 executions run by the workers, none lost',
		async () => {
			const count = 1000;
			const lastBefore = await cluster.lastExecutionId();
			const start = mock.requests.length;

			const loadStarted = Date.now();
			const result = await deliverEvents({
				url: cluster.webhookUrl(INBOUND_HOOK),
				signer,
				count,
				concurrency: 20,
				event: (index) => loadEvent('load', index),
			});
			const statuses = new Map<number, number>();
			for (const d of result.deliveries) statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
			expect(Object.fromEntries(cluster.balancer.errors)).toEqual({});
			expect(Object.fromEntries(statuses)).toEqual({ 200: count });
			// Both webhook processes took a share.
			for (const target of cluster.balancer.targets)
				expect(cluster.balancer.sent.get(target) ?? 0).toBeGreaterThan(count / 4);

			// Every acknowledged event has its execution, and each one finishes.
			const settled = await eventually(
				`${count} finished executions of the load`,
				async () => {
					const rows = (await cluster.executionStatuses(INBOUND)).filter((e) => e.id > lastBefore);
					return rows.length >= count &&
						rows.every((e) => !['new', 'running', 'waiting'].includes(e.status))
						? rows
						: undefined;
				},
				600_000,
			);
			expect(settled).toHaveLength(count);
			const executedMs = Date.now() - loadStarted;
			expect(settled.filter((e) => e.mode !== 'webhook' || e.status !== 'success')).toEqual([]);

			// No process logged a failed job, save or queue error.
			expect(cluster.failures()).toEqual([]);

			// The workers ran them all, and both did a share.
			const byWorker = cluster.finishedByWorker();
			const ranByWorkers = new Set([...byWorker.values()].flat());
			const shares = [...byWorker].map(
				([name, ids]) => `${name} ${ids.filter((id) => id > lastBefore).length}`,
			);
			process.stderr.write(
				`[queue] load: ${count} events acknowledged in ${(result.ms / 1000).toFixed(1)} s, all executed after ${(executedMs / 1000).toFixed(1)} s (${shares.join(', ')})\n`,
			);
			expect(settled.filter((e) => !ranByWorkers.has(e.id)).map((e) => e.id)).toEqual([]);
			for (const [, ids] of byWorker)
				expect(ids.filter((id) => id > lastBefore).length).toBeGreaterThan(0);

			// One execution per event: each event id exactly once.
			const executions = (await cluster.executions(INBOUND)).filter((e) => e.id > lastBefore);
			const eventIds = triggerEventIds(executions).sort();
			expect(eventIds).toEqual(
				Array.from({ length: count }, (_, i) => loadEvent('load', i).id).sort(),
			);

			// Each call was answered, spoken to and asked for a digit exactly once.
			const commands = callRequests(mock, start).map((r) => `${r.method} ${r.path}`);
			const expected = Array.from({ length: count }, (_, i) =>
				['answer', 'speak', 'gather'].map(
					(action) => `POST ${callPath(`v3:load-call-${i}`, action)}`,
				),
			).flat();
			expect(commands.sort()).toEqual(expected.sort());
		},
		900_000,
	);
});
