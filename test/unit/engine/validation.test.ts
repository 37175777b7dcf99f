import type { IDataObject, INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { findOperation } from '../../../nodes/Telnyx/catalogue';
import { TelnyxMock } from '../../mock/telnyxMock';
import { callItem, NODE, param, runNode } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

/** The label a user sees for a field, straight from the catalogue. */
function label(resource: string, operation: string, key: string): string {
	const field = findOperation(resource, operation)!.fields.find((f) => f.key === key);
	if (!field) throw new Error(`No field ${key} in ${resource}:${operation}`);
	return field.displayName;
}

const dial = (extra: IDataObject = {}, additionalFields: IDataObject = {}) => ({
	resource: 'call',
	operation: 'dial',
	connectionId: 'conn-1',
	from: '+13125550100',
	to: '+13125550123',
	...extra,
	additionalFields,
});

interface Case {
	title: string;
	parameters: IDataObject;
	input?: INodeExecutionData[];
	/** resource, operation and key of the field the message must name. */
	field: [string, string, string];
	reason: RegExp;
}

const cases: Case[] = [
	{
		title: 'dial To without a plus',
		parameters: dial({ to: '3125550100' }),
		field: ['call', 'dial', 'to'],
		reason: /E\.164/,
	},
	{
		title: 'dial To with spaces',
		parameters: dial({ to: '+1 312 555' }),
		field: ['call', 'dial', 'to'],
		reason: /E\.164/,
	},
	{
		title: 'dial To where the second of two numbers is invalid',
		parameters: dial({ to: '+13125550123, 3125550100' }),
		field: ['call', 'dial', 'to'],
		reason: /3125550100/,
	},
	{
		title: 'dial From that is neither a number nor a SIP URI',
		parameters: dial({ from: 'reception' }),
		field: ['call', 'dial', 'from'],
		reason: /E\.164|SIP/,
	},
	{
		title: 'dial Diversion that is a SIP URI where only E.164 is allowed',
		parameters: dial({}, { [param('call', 'dial', 'diversion')]: 'sip:a@b.com' }),
		field: ['call', 'dial', 'diversion'],
		reason: /E\.164/,
	},
	{
		title: 'speak without a call control ID in the item',
		parameters: { resource: 'call', operation: 'speak', payload: 'Hi', voice: 'female' },
		input: [{ json: { something: 'else' } }],
		field: ['call', 'speak', 'call_control_id'],
		reason: /empty/,
	},
	{
		title: 'speak with a blank explicit call control ID',
		parameters: {
			resource: 'call',
			operation: 'speak',
			callControlId: '   ',
			payload: 'Hi',
			voice: 'female',
		},
		input: [callItem('v3:abc')],
		field: ['call', 'speak', 'call_control_id'],
		reason: /empty/,
	},
	{
		// A literal empty value is caught by n8n itself; an expression that yields nothing is ours.
		title: 'dial with a required text whose expression yields nothing',
		parameters: dial({ connectionId: '={{ $json.connection }}' }),
		field: ['call', 'dial', 'connection_id'],
		reason: /empty/,
	},
	{
		title: 'bad JSON in a JSON field',
		parameters: dial({}, { assistant: '{bad' }),
		field: ['call', 'dial', 'assistant'],
		reason: /not valid JSON/,
	},
	{
		title: 'a JSON array where an object is required',
		parameters: dial({}, { assistant: '[1, 2]' }),
		field: ['call', 'dial', 'assistant'],
		reason: /JSON object/,
	},
	{
		title: 'a JSON text that is not an object',
		parameters: dial({}, { assistant: '"text"' }),
		field: ['call', 'dial', 'assistant'],
		reason: /JSON object/,
	},
	{
		title: 'an empty object in a required JSON field',
		parameters: { resource: 'call', operation: 'gatherUsingAi', parameters: '{}' },
		input: [callItem('v3:abc')],
		field: ['call', 'gatherUsingAi', 'parameters'],
		reason: /empty/,
	},
	{
		title: 'a URL field that is not a URL',
		parameters: {
			resource: 'call',
			operation: 'startPlayback',
			additionalFields: { [param('call', 'startPlayback', 'audio_url')]: 'notaurl' },
		},
		input: [callItem('v3:abc')],
		field: ['call', 'startPlayback', 'audio_url'],
		reason: /URL/,
	},
	{
		title: 'DTMF digits with letters',
		parameters: { resource: 'call', operation: 'sendDtmf', digits: 'xyz' },
		input: [callItem('v3:abc')],
		field: ['call', 'sendDtmf', 'digits'],
		reason: /DTMF/,
	},
	{
		title: 'a number below its minimum',
		parameters: {
			resource: 'call',
			operation: 'sendDtmf',
			digits: '123#',
			additionalFields: { [param('call', 'sendDtmf', 'duration_millis')]: 50 },
		},
		input: [callItem('v3:abc')],
		field: ['call', 'sendDtmf', 'duration_millis'],
		reason: /at least 100/,
	},
	{
		title: 'a number above its maximum',
		parameters: dial({}, { [param('call', 'dial', 'timeout_secs')]: 601 }),
		field: ['call', 'dial', 'timeout_secs'],
		reason: /at most 600/,
	},
	{
		title: 'a fraction where a whole number is required',
		// Dial shows its recording options in the Recording group.
		parameters: dial({}, { recording: { [param('call', 'dial', 'record_max_length')]: 1.5 } }),
		field: ['call', 'dial', 'record_max_length'],
		reason: /whole number/,
	},
	{
		title: 'a number from an expression that is not a number',
		parameters: dial({}, { [param('call', 'dial', 'timeout_secs')]: '={{ "soon" }}' }),
		field: ['call', 'dial', 'timeout_secs'],
		reason: /number/,
	},
	{
		title: 'an option value that is not one of the choices',
		parameters: dial(
			{},
			{ machineDetection: { [param('call', 'dial', 'answering_machine_detection')]: '={{ "maybe" }}' } },
		),
		field: ['call', 'dial', 'answering_machine_detection'],
		reason: /must be one of/,
	},
	{
		title: 'a date filter that is not a date',
		parameters: {
			resource: 'recording',
			operation: 'getMany',
			filters: { [param('recording', 'getMany', 'filter[created_at][gte]')]: 'last tuesday-ish' },
		},
		field: ['recording', 'getMany', 'filter[created_at][gte]'],
		reason: /date/,
	},
];

describe('invalid values are refused before any request', () => {
	test.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		const result = await runNode(mock, c.parameters, { input: c.input ?? [{ json: {} }] });
		const error = result.error as NodeOperationError;
		expect(error).toBeDefined();
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain(`"${label(...c.field)}"`);
		expect(error.message).toMatch(c.reason);
		expect(mock.requests).toHaveLength(0);
		expect(result.output(NODE)).toEqual([]);
	});

	test('the valid form of each refused value is accepted (the checks are not over-eager)', async () => {
		const valid: Array<[IDataObject, INodeExecutionData[]]> = [
			[
				dial({ to: '+13125550123, sip:alice@example.com', from: 'sip:desk@example.com' }),
				[{ json: {} }],
			],
			[
				dial({}, { assistant: '{"id": "assistant-1"}' }),
				[{ json: {} }],
			],
			[
				{
					resource: 'call',
					operation: 'startPlayback',
					additionalFields: { audioUrl: 'https://example.com/a.mp3' },
				},
				[callItem('v3:abc')],
			],
			[{ resource: 'call', operation: 'sendDtmf', digits: '12*#ABCDwW' }, [callItem('v3:abc')]],
		];
		for (const [parameters, input] of valid) {
			const result = await runNode(mock, parameters, { input });
			expect(result.error).toBeUndefined();
		}
		expect(mock.requests).toHaveLength(valid.length);
		expect(mock.requests[0].body).toMatchObject({
			to: ['+13125550123', 'sip:alice@example.com'],
			from: 'sip:desk@example.com',
		});
		expect(mock.requests[1].body).toMatchObject({
			assistant: { id: 'assistant-1' },
		});
		expect(mock.requests[3].body).toMatchObject({ digits: '12*#ABCDwW' });
	});

	test('one invalid item among three stops the whole run before any request', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'sendDtmf', digits: '={{ $json.digits }}' },
			{
				input: [
					callItem('v3:a', { digits: '123' }),
					callItem('v3:b', { digits: 'nope' }),
					callItem('v3:c', { digits: '456' }),
				],
			},
		);
		const error = result.error as NodeOperationError;
		expect(error).toBeDefined();
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain(`"${label('call', 'sendDtmf', 'digits')}"`);
		expect(error.message).toContain('nope');
		expect(error.context.itemIndex).toBe(1);
		// Give any stray request time to arrive before concluding there was none.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(mock.requests).toHaveLength(0);
	});

	test('the same invalid item under continue on fail: only that item fails', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'sendDtmf', digits: '={{ $json.digits }}' },
			{
				input: [
					callItem('v3:a', { digits: '123' }),
					callItem('v3:b', { digits: 'nope' }),
					callItem('v3:c', { digits: '456' }),
				],
				settings: { onError: 'continueRegularOutput' },
			},
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests.map((r) => r.path).sort()).toEqual([
			'/calls/v3%3Aa/actions/send_dtmf',
			'/calls/v3%3Ac/actions/send_dtmf',
		]);
		const items = result.items(NODE);
		expect(items).toHaveLength(3);
		expect(items[1].json.error).toContain('nope');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});
