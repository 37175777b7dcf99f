/**
 * A real workflow JSON (Manual Trigger → Telnyx Dial → Telnyx Speak) run by n8n-core's own
 * WorkflowExecute against the mock API: expressions, defaults and item linking all resolved by
 * n8n itself.
 */
import workflow from '../../fixtures/workflows/dial-then-speak.json';
import { TelnyxMock } from '../../mock/telnyxMock';
import { runWorkflow, type WorkflowJson } from '../../harness/runWorkflow';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => mock.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('dials two customers and speaks to each call, in order, with the call control ID of each dial', async () => {
	const result = await runWorkflow(workflow as unknown as WorkflowJson, {
		credentials: { apiKey: mock.apiKey, baseUrl: mock.baseUrl, publicKey: '' },
		input: [
			{ json: { phone: '+13125550111', customer: 'Ada' } },
			{ json: { phone: 'sip:bob@example.com', customer: 'Bob' } },
		],
	});
	expect(result.error).toBeUndefined();

	const dials = mock.requests.filter((r) => r.path === '/calls');
	expect(dials.map((r) => r.method)).toEqual(['POST', 'POST']);
	expect(dials.map((r) => r.headers.authorization)).toEqual([
		`Bearer ${mock.apiKey}`,
		`Bearer ${mock.apiKey}`,
	]);
	const dialBodies = dials
		.map((r) => r.body as Record<string, unknown>)
		.sort((a, b) => String(a.to).localeCompare(String(b.to)));
	expect(dialBodies).toEqual([
		{
			connection_id: '1494404757140276705',
			from: '+13125550100',
			to: '+13125550111',
			timeout_secs: 30,
			client_state: Buffer.from('{"customer":"Ada"}').toString('base64'),
			command_id: expect.stringMatching(UUID),
		},
		{
			connection_id: '1494404757140276705',
			from: '+13125550100',
			to: 'sip:bob@example.com',
			timeout_secs: 30,
			client_state: Buffer.from('{"customer":"Bob"}').toString('base64'),
			command_id: expect.stringMatching(UUID),
		},
	]);
	expect(dialBodies[0].command_id).not.toBe(dialBodies[1].command_id);

	const dialed = result.output('Dial');
	expect(dialed).toHaveLength(2);
	expect(result.items('Dial').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

	const speaks = mock.requests.filter((r) => r.path.endsWith('/actions/speak'));
	expect(speaks).toHaveLength(2);
	for (const [index, customer] of ['Ada', 'Bob'].entries()) {
		const id = String(dialed[index].call_control_id);
		const speak = speaks.find((r) => r.path === `/calls/${encodeURIComponent(id)}/actions/speak`);
		expect(speak?.method).toBe('POST');
		expect(speak?.body).toEqual({
			payload: `Hello ${customer}, this is a test call.`,
			voice: 'Telnyx.KokoroTTS.af',
			language: 'en-US',
			command_id: expect.stringMatching(UUID),
		});
	}
	expect(result.output('Speak')).toEqual([{ result: 'ok' }, { result: 'ok' }]);
	expect(result.items('Speak').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});
