/**
 * End to end: every workflow in examples/ imported into a real n8n 2.40.7 as a user would (the
 * placeholders replaced, credentials found by their names), run against the Telnyx mock, with
 * signed webhooks for the events Telnyx would send. The AI Agent example talks to a scripted
 * OpenAI stand-in on loopback; the recordings example downloads from a loopback file server.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { OpenAiMock, messageText, type ChatRequest } from '../mock/openAiMock';
import { TelnyxMock, type RecordedRequest } from '../mock/telnyxMock';
import {
	N8nInstance,
	WebhookSigner,
	eventually,
	host,
	packInfo,
	parseRunJson,
	postRaw,
	telnyxEvent,
	type Execution,
} from './harness';
import { E2eTests } from './e2eTest';

jest.setTimeout(240_000);

const EXAMPLES_DIR = path.join(host.PROJECT_DIR, 'examples');
const API_KEY = `e2e-examples-key-${process.pid}`;
const OPENAI_KEY = 'sk-e2e-examples-not-a-real-key';
const TELNYX_NUMBER = '+13125550100';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Each example: its file, the workflow ID the test gives it, and its placeholder values. */
const EXAMPLES = {
	ivr: {
		file: 'inbound-ivr.json',
		id: 'TelnyxExampleIvr01',
		app: 'app-example-ivr',
		values: {
			YOUR_CALL_CONTROL_APPLICATION_ID: 'app-example-ivr',
			YOUR_SALES_NUMBER: '+13125550199',
		},
	},
	outbound: {
		file: 'outbound-calls-from-a-list.json',
		id: 'TelnyxExampleOut01',
		app: 'app-example-outbound',
		values: {
			YOUR_CALL_CONTROL_APPLICATION_ID: 'app-example-outbound',
			YOUR_TELNYX_NUMBER: TELNYX_NUMBER,
			YOUR_TEST_NUMBER: '+13125550111',
			YOUR_SECOND_TEST_NUMBER: '+13125550112',
		},
	},
	recordings: {
		file: 'save-call-recordings.json',
		id: 'TelnyxExampleRec01',
		app: 'app-example-recordings',
		values: {
			YOUR_CALL_CONTROL_APPLICATION_ID: 'app-example-recordings',
			YOUR_RECORDINGS_FOLDER: '', // set once the work folder exists
		},
	},
	agent: {
		file: 'ai-agent-places-a-call.json',
		id: 'TelnyxExampleAgent1',
		app: 'app-example-agent',
		values: {
			YOUR_CALL_CONTROL_APPLICATION_ID: 'app-example-agent',
			YOUR_TELNYX_NUMBER: TELNYX_NUMBER,
			YOUR_TEST_NUMBER: '+13125550177',
		},
	},
} as const;
type ExampleName = keyof typeof EXAMPLES;

const b64 = (value: unknown) =>
	Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');
const callPath = (id: string, action?: string) =>
	`/calls/${encodeURIComponent(id)}${action ? `/actions/${action}` : ''}`;

const signer = new WebhookSigner();
let telnyx: TelnyxMock;
let openAi: OpenAiMock;
let files: RecordingFiles;
let n8n: N8nInstance;
const tests = E2eTests.forInstance(() => n8n);
const e2e = tests.test;
const values: Record<ExampleName, Record<string, string>> = {
	ivr: { ...EXAMPLES.ivr.values },
	outbound: { ...EXAMPLES.outbound.values },
	recordings: { ...EXAMPLES.recordings.values },
	agent: { ...EXAMPLES.agent.values },
};
const triggerUrls: Partial<Record<ExampleName, string>> = {};

/** Recording files, served on loopback as Telnyx's short-lived download links would be. */
class RecordingFiles {
	readonly hits: string[] = [];
	private readonly files = new Map<string, Buffer>();

	private constructor(
		private readonly server: http.Server,
		readonly port: number,
	) {}

	static async start(): Promise<RecordingFiles> {
		let self: RecordingFiles | undefined;
		const server = http.createServer((req, res) => {
			const url = req.url ?? '/';
			self!.hits.push(`${req.method} ${url}`);
			const body = self!.files.get(url);
			if (req.method !== 'GET' || !body) {
				res.writeHead(404).end();
				return;
			}
			res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': String(body.length) });
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		self = new RecordingFiles(server, (server.address() as AddressInfo).port);
		return self;
	}

	add(urlPath: string, body: Buffer): string {
		this.files.set(urlPath, body);
		return `http://127.0.0.1:${this.port}${urlPath}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

function readExample(name: ExampleName): any {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, EXAMPLES[name].file), 'utf8'));
}

/**
 * Writes the example as a user would import it after filling in the placeholders, with the
 * workflow ID the test knows it by. Every placeholder must get a value and every value a
 * placeholder, so the example and this test cannot drift apart.
 */
function prepareExample(name: ExampleName, dir: string): string {
	let text = fs.readFileSync(path.join(EXAMPLES_DIR, EXAMPLES[name].file), 'utf8');
	const found = new Set(text.match(/YOUR_[A-Z0-9_]+/g) ?? []);
	expect([...found].sort()).toEqual(Object.keys(values[name]).sort());
	for (const [placeholder, value] of Object.entries(values[name])) {
		text = text.split(placeholder).join(JSON.stringify(value).slice(1, -1));
	}
	const workflow = JSON.parse(text);
	workflow.id = EXAMPLES[name].id;
	const target = path.join(dir, EXAMPLES[name].file);
	fs.writeFileSync(target, JSON.stringify(workflow, null, 2));
	return target;
}

/** The production webhook path of the example's Telnyx Trigger. */
function triggerPath(name: ExampleName): string {
	const trigger = readExample(name).nodes.find(
		(node: any) => node.type === 'n8n-nodes-telnyx-call-control.telnyxTrigger',
	);
	return `${trigger.webhookId}/webhook`;
}

async function deliver(
	name: ExampleName,
	eventType: string,
	id: string,
	payload: Record<string, unknown>,
): Promise<void> {
	const raw = telnyxEvent(eventType, id, payload);
	const response = await postRaw(triggerUrls[name]!, raw, signer.headers(raw));
	expect({ id, status: response.status }).toEqual({ id, status: 200 });
}

/** Call commands the Telnyx mock answered since `from`, without their command IDs. */
function commandsSince(from: number): Array<{ method: string; path: string; body: unknown }> {
	return telnyx.requests
		.slice(from)
		.filter((r) => r.path.startsWith('/calls'))
		.map((r) => {
			const body =
				r.body && typeof r.body === 'object' ? { ...(r.body as Record<string, unknown>) } : r.body;
			if (body && typeof body === 'object') {
				expect((body as Record<string, unknown>).command_id).toMatch(UUID);
				delete (body as Record<string, unknown>).command_id;
			}
			return { method: r.method, path: r.path, body };
		});
}

async function waitForCommands(from: number, count: number) {
	await telnyx.waitFor(
		(requests) => requests.slice(from).filter((r) => r.path.startsWith('/calls')).length >= count,
		30_000,
	);
}

/** Runs a workflow that starts with a Manual Trigger through `n8n execute`; returns the run. */
async function execute(workflowId: string): Promise<any> {
	const env = { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await host.freePort()) };
	const result = await host.n8nCli(['execute', `--id=${workflowId}`, '--rawOutput'], env, {
		timeoutMs: 180_000,
	});
	// Judged by its output, not its exit code: it can crash while exiting after a good run.
	const run = parseRunJson(result.stdout);
	if (!run) {
		throw new Error(
			`n8n execute printed no run JSON (exit ${result.code ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	return run;
}

/** The items of a node's last run in a run printed by `n8n execute`, whatever the output type. */
function output(run: any, node: string): any[] {
	const runs: any[] = run.data.resultData.runData[node] ?? [];
	const connections = Object.values(runs[runs.length - 1]?.data ?? {}) as any[][][];
	const items = connections[0]?.[0];
	if (!items)
		throw new Error(`no output of ${node} in the run: ${JSON.stringify(runs).slice(0, 2000)}`);
	return items.map((item: any) => item.json);
}

function ranNodes(execution: Execution): string[] {
	return Object.keys(execution.runData).sort();
}

tests.setup(async () => {
	telnyx = await TelnyxMock.start();
	telnyx.apiKey = API_KEY;
	for (const name of ['ivr', 'outbound', 'recordings'] as const) {
		telnyx.addApplication({
			id: EXAMPLES[name].app,
			application_name: `Example ${name}`,
			webhook_event_url: `https://example.com/before/${name}`,
		});
	}
	files = await RecordingFiles.start();
	openAi = await OpenAiMock.start(agentScript);

	n8n = new N8nInstance();
	const recordingsFolder = path.join(n8n.workDir, 'recordings');
	fs.mkdirSync(recordingsFolder);
	values.recordings.YOUR_RECORDINGS_FOLDER = recordingsFolder;
	const credentialsFile = path.join(n8n.workDir, 'example-credentials.json');
	// Named as n8n names a new credential of each type, like the examples expect.
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				id: 'ExampleTelnyx001',
				name: 'Telnyx API account',
				type: 'telnyxApi',
				data: { apiKey: API_KEY, publicKey: signer.publicKey, baseUrl: telnyx.baseUrl },
			},
			{
				id: 'ExampleOpenAi001',
				name: 'OpenAI account',
				type: 'openAiApi',
				data: { apiKey: OPENAI_KEY, url: openAi.baseUrl },
			},
		]),
	);
	const exampleDir = path.join(n8n.workDir, 'examples');
	fs.mkdirSync(exampleDir);
	const names = Object.keys(EXAMPLES) as ExampleName[];
	await n8n.prepare({
		tarball: packInfo().tarball,
		credentialsFile,
		workflows: names.map((name) => prepareExample(name, exampleDir)),
		publish: [EXAMPLES.ivr.id, EXAMPLES.outbound.id, EXAMPLES.recordings.id],
	});
	// n8n 2 lets file nodes write only below ~/.n8n-files unless told otherwise.
	n8n.env.N8N_RESTRICT_FILE_ACCESS_TO = recordingsFolder;
	const published = ['ivr', 'outbound', 'recordings'] as const;
	await n8n.start(published.map(triggerPath));
	for (const name of published) {
		const url = `${n8n.baseUrl}/webhook/${triggerPath(name)}`;
		triggerUrls[name] = url;
		await eventually(
			`the ${name} example's trigger to register on its application`,
			() => {
				n8n.assertPackLoaded();
				return telnyx.getApplication(EXAMPLES[name].app).webhook_event_url === url
					? true
					: undefined;
			},
			60_000,
		);
	}
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await telnyx?.stop();
	await openAi?.stop();
	await files?.stop();
	n8n?.cleanup(tests.keep);
});

e2e('the examples import with their credentials found by name', async () => {
	const rows = await host.queryDb(
		n8n.userFolder,
		'SELECT id, nodes FROM workflow_entity ORDER BY id',
	);
	expect(rows.map((r) => r.id).sort()).toEqual(
		Object.values(EXAMPLES)
			.map((e) => e.id)
			.sort(),
	);
	const expected: Record<string, { id: string; name: string }> = {
		telnyxApi: { id: 'ExampleTelnyx001', name: 'Telnyx API account' },
		openAiApi: { id: 'ExampleOpenAi001', name: 'OpenAI account' },
	};
	let linked = 0;
	for (const row of rows) {
		for (const node of JSON.parse(row.nodes)) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				expect({ node: node.name, reference }).toEqual({
					node: node.name,
					reference: expected[type],
				});
				linked++;
			}
		}
	}
	const referenced = (Object.keys(EXAMPLES) as ExampleName[])
		.flatMap((name) => readExample(name).nodes)
		.reduce((sum: number, node: any) => sum + Object.keys(node.credentials ?? {}).length, 0);
	expect(referenced).toBeGreaterThanOrEqual(13);
	expect(linked).toBe(referenced);
});

describe('inbound IVR', () => {
	const caller = (letter: string, from: string) => ({
		call_control_id: `v3:example-ivr-${letter}`,
		call_leg_id: `leg-example-ivr-${letter}`,
		call_session_id: `session-example-ivr-${letter}`,
		connection_id: EXAMPLES.ivr.app,
		from,
		to: TELNYX_NUMBER,
		direction: 'incoming',
	});
	const menu = (from: string) => b64({ step: 'menu', callerNumber: from });
	const gather = (from: string) => ({
		payload:
			'Thanks for calling. Press 1 to talk to sales, or press 2 to leave a message after the tone.',
		voice: 'AWS.Polly.Joanna-Neural',
		language: 'en-US',
		minimum_digits: 1,
		maximum_digits: 1,
		timeout_millis: 10000,
		valid_digits: '12',
		client_state: menu(from),
	});

	e2e(
		'answers, plays the menu, then transfers to sales, takes a voicemail, or hangs up',
		async () => {
			const a = caller('a', '+13125550123');
			const b = caller('b', '+13125550124');
			const c = caller('c', '+13125550125');
			// Caller B hangs up before the voicemail is saved: the last Hang Up meets a gone call.
			telnyx.route('POST', callPath(b.call_control_id, 'hangup'), () => ({
				status: 422,
				body: {
					errors: [
						{
							code: '90018',
							title: 'Call has already ended',
							detail: 'This call is no longer active and cannot receive commands.',
						},
					],
				},
			}));
			const recordingUrls = {
				mp3: 'https://example.com/rec.mp3',
				wav: 'https://example.com/rec.wav',
			};
			const steps: Array<[string, string, Record<string, unknown>, unknown[]]> = [
				['call.initiated', 'a1', a, [['answer', a, {}]]],
				['call.answered', 'a2', a, [['gather_using_speak', a, gather(a.from)]]],
				[
					'call.gather.ended',
					'a3',
					{ ...a, digits: '1', status: 'valid', client_state: menu(a.from) },
					[
						[
							'transfer',
							a,
							{ to: '+13125550199', client_state: b64({ step: 'sales', callerNumber: a.from }) },
						],
					],
				],
				['call.initiated', 'b1', b, [['answer', b, {}]]],
				['call.answered', 'b2', b, [['gather_using_speak', b, gather(b.from)]]],
				[
					'call.gather.ended',
					'b3',
					{ ...b, digits: '2', status: 'valid', client_state: menu(b.from) },
					[
						[
							'record_start',
							b,
							{
								channels: 'single',
								format: 'mp3',
								max_length: 120,
								play_beep: true,
								timeout_secs: 5,
								client_state: b64({ step: 'voicemail', callerNumber: b.from }),
							},
						],
					],
				],
				[
					'call.recording.saved',
					'b4',
					{
						...b,
						channels: 'single',
						client_state: b64({ step: 'voicemail', callerNumber: b.from }),
						recording_urls: recordingUrls,
						public_recording_urls: {},
					},
					[['hangup', b, {}]],
				],
				[
					'call.gather.ended',
					'c1',
					{ ...c, digits: '', status: 'timeout', client_state: menu(c.from) },
					[['hangup', c, {}]],
				],
			];
			for (const [index, [eventType, id, payload, expected]] of steps.entries()) {
				const from = telnyx.requests.length;
				await deliver('ivr', eventType, `evt-example-ivr-${id}`, payload);
				await n8n.settledExecutions(EXAMPLES.ivr.id, index + 1);
				await waitForCommands(from, expected.length);
				expect({ event: id, commands: commandsSince(from) }).toEqual({
					event: id,
					commands: (expected as Array<[string, { call_control_id: string }, unknown]>).map(
						([action, call, body]) => ({
							method: 'POST',
							path: callPath(call.call_control_id, action),
							body,
						}),
					),
				});
			}

			const executions = await n8n.settledExecutions(EXAMPLES.ivr.id, steps.length);
			// Every execution succeeded, the one whose Hang Up met a gone call included.
			expect(executions.map((e) => e.status)).toEqual(steps.map(() => 'success'));
			expect(executions.map(ranNodes)).toEqual([
				['Answer', 'Route Event', 'Telnyx Trigger'],
				['Play Menu', 'Route Event', 'Telnyx Trigger'],
				['Route Choice', 'Route Event', 'Telnyx Trigger', 'Transfer To Sales'],
				['Answer', 'Route Event', 'Telnyx Trigger'],
				['Play Menu', 'Route Event', 'Telnyx Trigger'],
				['Record Voicemail', 'Route Choice', 'Route Event', 'Telnyx Trigger'],
				['Hang Up', 'Route Event', 'Telnyx Trigger'],
				['Hang Up', 'Route Choice', 'Route Event', 'Telnyx Trigger'],
			]);
			// The trigger decoded the menu state the flow had set on the call.
			expect(executions[2].runData['Telnyx Trigger'][0][0].payload.client_state_decoded).toEqual({
				step: 'menu',
				callerNumber: a.from,
			});
		},
	);
});

describe('outbound calls from a contact list', () => {
	e2e(
		'dials each contact with its state, speaks the message when answered, then hangs up',
		async () => {
			const contacts = [
				{
					contactId: 'crm-1001',
					to: '+13125550111',
					message: 'Hello Ada, your table for two is booked for Friday at 7 pm. See you then!',
				},
				{
					contactId: 'crm-1002',
					to: '+13125550112',
					message: 'Hello Grace, your order has shipped and arrives tomorrow.',
				},
			];
			const start = telnyx.requests.length;
			const run = await execute(EXAMPLES.outbound.id);
			expect(run.status).toBe('success');
			expect(run.data.resultData.lastNodeExecuted).toBe('Dial');
			const dialed = output(run, 'Dial');
			expect(dialed).toHaveLength(contacts.length);

			// Items go out concurrently: compare the dials by the number they call.
			const dials = telnyx.requests.slice(start).filter((r) => r.path === '/calls');
			const byNumber = (r: RecordedRequest) => (r.body as any).to as string;
			expect(
				commandsSince(start).sort((x, y) => ((x.body as any).to < (y.body as any).to ? -1 : 1)),
			).toEqual(
				contacts.map((contact) => ({
					method: 'POST',
					path: '/calls',
					body: {
						connection_id: EXAMPLES.outbound.app,
						from: TELNYX_NUMBER,
						to: contact.to,
						client_state: b64({ contactId: contact.contactId, message: contact.message }),
					},
				})),
			);

			for (const [index, contact] of contacts.entries()) {
				const callControlId = dialed[index].call_control_id as string;
				expect(callControlId).toMatch(/^v3:/);
				// Telnyx echoes the client_state of the Dial in the events of that call.
				const echoed = (dials.find((r) => byNumber(r) === contact.to)!.body as any).client_state;
				const call = {
					call_control_id: callControlId,
					call_leg_id: dialed[index].call_leg_id,
					call_session_id: dialed[index].call_session_id,
					connection_id: EXAMPLES.outbound.app,
					from: TELNYX_NUMBER,
					to: contact.to,
					direction: 'outgoing',
				};
				let from = telnyx.requests.length;
				await deliver('outbound', 'call.answered', `evt-example-out-${index}-answered`, {
					...call,
					client_state: echoed,
				});
				await waitForCommands(from, 1);
				const spoken = b64({ contactId: contact.contactId, step: 'spoken' });
				expect(commandsSince(from)).toEqual([
					{
						method: 'POST',
						path: callPath(callControlId, 'speak'),
						body: {
							payload: contact.message,
							voice: 'AWS.Polly.Joanna-Neural',
							language: 'en-US',
							client_state: spoken,
						},
					},
				]);
				from = telnyx.requests.length;
				await deliver('outbound', 'call.speak.ended', `evt-example-out-${index}-spoken`, {
					...call,
					status: 'completed',
					client_state: spoken,
				});
				await waitForCommands(from, 1);
				expect(commandsSince(from)).toEqual([
					{ method: 'POST', path: callPath(callControlId, 'hangup'), body: {} },
				]);
			}

			// An answered call that this flow did not dial carries no message: nothing is sent.
			const from = telnyx.requests.length;
			await deliver('outbound', 'call.answered', 'evt-example-out-foreign', {
				call_control_id: 'v3:example-out-foreign',
				connection_id: EXAMPLES.outbound.app,
				from: '+13125550130',
				to: TELNYX_NUMBER,
			});
			const executions = await n8n.settledExecutions(EXAMPLES.outbound.id, 2 * contacts.length + 2);
			expect(executions.map((e) => [e.mode, e.status])).toEqual([
				['cli', 'success'],
				...Array.from({ length: 2 * contacts.length + 1 }, () => ['webhook', 'success']),
			]);
			expect(commandsSince(from)).toEqual([]);
			expect(ranNodes(executions[executions.length - 1])).toEqual([
				'Route Event',
				'Telnyx Trigger',
			]);
			// The trigger handed the flow the decoded state of the Dial.
			expect(executions[1].runData['Telnyx Trigger'][0][0].payload.client_state_decoded).toEqual({
				contactId: contacts[0].contactId,
				message: contacts[0].message,
			});
		},
	);
});

describe('save call recordings', () => {
	e2e(
		'downloads the recording of a saved-recording event as binary and writes it to disk',
		async () => {
			const audio = Buffer.concat([Buffer.from('ID3'), randomBytes(48 * 1024)]);
			const mp3 = files.add('/recordings/example-recording.mp3', audio);
			const wav = files.add('/recordings/example-recording.wav', randomBytes(1024));
			const event = 'evt-example-recording-1';
			await deliver('recordings', 'call.recording.saved', event, {
				call_control_id: 'v3:example-recorded-call',
				call_leg_id: 'leg-example-recorded',
				call_session_id: 'session-example-recorded',
				connection_id: EXAMPLES.recordings.app,
				channels: 'single',
				recording_started_at: '2026-11-29T10:00:00.000Z',
				recording_ended_at: '2026-11-29T10:01:00.000Z',
				recording_urls: { mp3, wav },
				public_recording_urls: {},
			});
			const [execution] = await n8n.settledExecutions(EXAMPLES.recordings.id, 1);
			expect(execution.status).toBe('success');
			expect(ranNodes(execution)).toEqual(['Download Recording', 'Save To Disk', 'Telnyx Trigger']);
			const written = path.join(
				values.recordings.YOUR_RECORDINGS_FOLDER,
				`session-example-recorded-${event}.mp3`,
			);
			expect(fs.existsSync(written)).toBe(true);
			expect(fs.readFileSync(written).equals(audio)).toBe(true);
			expect(files.hits).toEqual(['GET /recordings/example-recording.mp3']);
			expect(fs.readdirSync(values.recordings.YOUR_RECORDINGS_FOLDER)).toEqual([
				path.basename(written),
			]);
		},
	);
});

/** The scripted model: call the Telnyx tool with the number in the task, then report. */
const SPOKEN = 'Hello! Your appointment tomorrow at 10 am is confirmed.';
function agentScript(request: ChatRequest) {
	if (request.messages.some((m) => m.role === 'tool')) {
		return OpenAiMock.say('The call to the customer is placed.');
	}
	const task = request.messages
		.filter((m) => m.role === 'user')
		.map(messageText)
		.join('\n');
	const number = /\+\d{10,15}/.exec(task)?.[0];
	if (!number) throw new Error(`no phone number in the task: ${task}`);
	const tools = request.tools ?? [];
	if (tools.length !== 1) throw new Error(`expected one tool, got ${tools.length}`);
	return OpenAiMock.callTool(tools[0].function.name, { to: number, message: SPOKEN });
}

describe('AI Agent', () => {
	e2e('places a call with the Telnyx node as its tool, driven by a scripted model', async () => {
		const start = telnyx.requests.length;
		const run = await execute(EXAMPLES.agent.id);
		expect(run.status).toBe('success');
		expect(output(run, 'AI Agent')).toEqual([{ output: 'The call to the customer is placed.' }]);

		// The model saw the system message, the task and one tool: Place Call, with the two
		// arguments the example asks the model for.
		expect(openAi.requests).toHaveLength(2);
		const [first, second] = openAi.requests.map((r) => r.body);
		for (const r of openAi.requests) expect(r.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
		expect(first.model).toBe('gpt-4.1-mini');
		const system = first.messages.find((m) => m.role === 'system');
		expect(system && messageText(system)).toContain('You place phone calls for the user');
		expect(
			first.messages
				.filter((m) => m.role === 'user')
				.map(messageText)
				.join('\n'),
		).toContain(`Call ${values.agent.YOUR_TEST_NUMBER} and tell them`);
		expect(first.tools).toHaveLength(1);
		const tool = first.tools![0].function;
		expect(tool.name).toBe('Place_Call');
		expect(tool.description).toContain('Places an outbound phone call');
		expect(Object.keys(tool.parameters.properties).sort()).toEqual(['message', 'to']);

		// The tool dialled exactly what the model asked for, with the message as client_state.
		expect(commandsSince(start)).toEqual([
			{
				method: 'POST',
				path: '/calls',
				body: {
					connection_id: EXAMPLES.agent.app,
					from: TELNYX_NUMBER,
					to: values.agent.YOUR_TEST_NUMBER,
					client_state: b64({ message: SPOKEN }),
				},
			},
		]);
		// The Dial result went back to the model as the tool's answer.
		const toolMessage = second.messages.find((m) => m.role === 'tool');
		expect(toolMessage?.tool_call_id).toBe('call_1');
		const dialed = output(run, 'Place Call');
		expect(dialed).toHaveLength(1);
		expect(dialed[0].call_control_id).toMatch(/^v3:/);
		expect(messageText(toolMessage!)).toContain(dialed[0].call_control_id);
		const executions = await n8n.settledExecutions(EXAMPLES.agent.id, 1);
		expect(executions.map((e) => [e.mode, e.status])).toEqual([['cli', 'success']]);
	});
});
