import {
	decodeClientState,
	encodeClientState,
	isBase64,
} from '../../../nodes/Telnyx/engine/clientState';
import { TelnyxMock } from '../../mock/telnyxMock';
import { bodyOf, callItem, NODE, runNode } from './helpers';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('encodeClientState / decodeClientState', () => {
	test('plain text is Base64 of the text and decodes back to the text', () => {
		const encoded = encodeClientState('step=menu ü ☎');
		expect(encoded).toEqual({ ok: true, value: b64('step=menu ü ☎') });
		expect(decodeClientState(encoded.ok && encoded.value)).toBe('step=menu ü ☎');
	});

	test('JSON text is sent compact and decodes to the same object', () => {
		const encoded = encodeClientState('  { "step" : "menu",\n "tries": [1, 2] }  ');
		expect(encoded).toEqual({ ok: true, value: b64('{"step":"menu","tries":[1,2]}') });
		expect(decodeClientState(encoded.ok && encoded.value)).toEqual({ step: 'menu', tries: [1, 2] });
	});

	test('objects and arrays are encoded as JSON and round-trip', () => {
		const object = { step: 'menu', nested: { n: 1, ok: true } };
		const encodedObject = encodeClientState(object);
		expect(encodedObject).toEqual({ ok: true, value: b64(JSON.stringify(object)) });
		expect(decodeClientState(encodedObject.ok && encodedObject.value)).toEqual(object);

		const encodedArray = encodeClientState([1, 'two']);
		expect(encodedArray).toEqual({ ok: true, value: b64('[1,"two"]') });
		expect(decodeClientState(encodedArray.ok && encodedArray.value)).toEqual([1, 'two']);
	});

	test('numbers and booleans are encoded as their text', () => {
		expect(encodeClientState(42)).toEqual({ ok: true, value: b64('42') });
		expect(encodeClientState(false)).toEqual({ ok: true, value: b64('false') });
	});

	test('malformed JSON and empty values are refused', () => {
		expect(encodeClientState('{"a":')).toMatchObject({ ok: false });
		expect(encodeClientState('[1, 2')).toMatchObject({ ok: false });
		expect(encodeClientState('')).toMatchObject({ ok: false });
		expect(encodeClientState(undefined)).toMatchObject({ ok: false });
		expect(encodeClientState(null)).toMatchObject({ ok: false });
	});

	test('already encoded: valid Base64 passes unchanged, anything else is refused', () => {
		expect(encodeClientState('aGVsbG8=', true)).toEqual({ ok: true, value: 'aGVsbG8=' });
		expect(encodeClientState(' eyJhIjoxfQ== ', true)).toEqual({ ok: true, value: 'eyJhIjoxfQ==' });
		expect(encodeClientState('not base64!', true)).toMatchObject({ ok: false });
		expect(encodeClientState('abc', true)).toMatchObject({ ok: false });
		expect(encodeClientState('', true)).toMatchObject({ ok: false });
		expect(encodeClientState({ a: 1 }, true)).toMatchObject({ ok: false });
	});

	test('decoding: absent or non-Base64 values give undefined, non-JSON text stays text', () => {
		expect(decodeClientState(undefined)).toBeUndefined();
		expect(decodeClientState(null)).toBeUndefined();
		expect(decodeClientState(12)).toBeUndefined();
		expect(decodeClientState('')).toBeUndefined();
		expect(decodeClientState('not base64!')).toBeUndefined();
		expect(decodeClientState(b64('{not json'))).toBe('{not json');
	});

	test('isBase64', () => {
		expect(isBase64('aGVsbG8=')).toBe(true);
		expect(isBase64('aGVsbG8')).toBe(false);
		expect(isBase64('a b=')).toBe(false);
		expect(isBase64('')).toBe(false);
	});
});

describe('client state through the node', () => {
	let mock: TelnyxMock;
	beforeAll(async () => {
		mock = await TelnyxMock.start();
	});
	afterAll(async () => {
		await mock.stop();
	});
	beforeEach(() => mock.reset());

	const speak = (
		additionalFields: Record<string, unknown>,
		options: Record<string, unknown> = {},
	) =>
		runNode(
			mock,
			{
				resource: 'call',
				operation: 'speak',
				payload: 'Hello',
				voice: 'female',
				additionalFields,
				options,
			},
			{ input: [callItem('v3:abc')] },
		);

	test('text is sent as Base64 of the text', async () => {
		const result = await speak({ clientState: 'step=menu' });
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		expect(bodyOf(mock.requests[0]).client_state).toBe(b64('step=menu'));
	});

	test('JSON text is sent as Base64 of the compact JSON', async () => {
		const result = await speak({ clientState: '{ "step": "menu",  "attempt": 2 }' });
		expect(result.error).toBeUndefined();
		expect(bodyOf(mock.requests[0]).client_state).toBe(b64('{"step":"menu","attempt":2}'));
	});

	test('an expression that yields an object is sent as Base64 JSON', async () => {
		const result = await runNode(
			mock,
			{
				resource: 'call',
				operation: 'speak',
				payload: 'Hello',
				voice: 'female',
				additionalFields: { clientState: '={{ { step: $json.step, n: [1, 2] } }}' },
			},
			{ input: [callItem('v3:abc', { step: 'greeting' })] },
		);
		expect(result.error).toBeUndefined();
		const sent = String(bodyOf(mock.requests[0]).client_state);
		expect(sent).toBe(b64('{"step":"greeting","n":[1,2]}'));
		expect(decodeClientState(sent)).toEqual({ step: 'greeting', n: [1, 2] });
	});

	test('clientStateEncoded passes valid Base64 unchanged', async () => {
		const result = await speak(
			{ clientState: 'eyJzdGVwIjoibWVudSJ9' },
			{ clientStateEncoded: true },
		);
		expect(result.error).toBeUndefined();
		expect(bodyOf(mock.requests[0]).client_state).toBe('eyJzdGVwIjoibWVudSJ9');
	});

	test('clientStateEncoded refuses invalid Base64 before any request', async () => {
		const result = await speak({ clientState: 'this is not base64' }, { clientStateEncoded: true });
		expect(result.error).toBeDefined();
		expect(result.error!.name).toBe('NodeOperationError');
		expect(result.error!.message).toContain('Client State');
		expect(result.error!.message).toMatch(/Base64/);
		expect(mock.requests).toHaveLength(0);
		expect(result.output(NODE)).toEqual([]);
	});

	test('malformed JSON is refused, naming the field, before any request', async () => {
		const result = await speak({ clientState: '{"a":' });
		expect(result.error).toBeDefined();
		expect(result.error!.name).toBe('NodeOperationError');
		expect(result.error!.message).toContain('"Client State"');
		expect(mock.requests).toHaveLength(0);
	});

	test('transfer encodes both client_state and target_leg_client_state', async () => {
		const result = await runNode(
			mock,
			{
				resource: 'call',
				operation: 'transfer',
				to: '+13125550123',
				additionalFields: {
					clientState: 'origin-leg',
					targetLegClientState: '{"leg": "b",  "queue": "support"}',
				},
			},
			{ input: [callItem('v3:abc')] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		expect(mock.requests[0].path).toBe('/calls/v3%3Aabc/actions/transfer');
		const body = bodyOf(mock.requests[0]);
		expect(body.client_state).toBe(b64('origin-leg'));
		expect(body.target_leg_client_state).toBe(b64('{"leg":"b","queue":"support"}'));
		expect(body.to).toBe('+13125550123');
	});

	test('malformed JSON in target_leg_client_state is refused, naming that field', async () => {
		const result = await runNode(
			mock,
			{
				resource: 'call',
				operation: 'transfer',
				to: '+13125550123',
				additionalFields: { targetLegClientState: '[1, 2' },
			},
			{ input: [callItem('v3:abc')] },
		);
		expect(result.error!.name).toBe('NodeOperationError');
		expect(result.error!.message).toContain('"Target Leg Client State"');
		expect(mock.requests).toHaveLength(0);
	});

	test('Update Client State (a required client state on a PUT) is encoded too', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'updateClientState', clientState: 'after-menu' },
			{ input: [callItem('v3:abc')] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].method).toBe('PUT');
		expect(bodyOf(mock.requests[0])).toEqual({ client_state: b64('after-menu') });
	});
});
