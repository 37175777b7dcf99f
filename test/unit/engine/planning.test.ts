/**
 * Planning reads per run what no item can change: a parameter without an expression is resolved
 * once for the whole run, one with an expression once per item. The results must be the same as
 * resolving everything per item.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { buildProperties } from '../../../nodes/Telnyx/catalogue/builder';
import { hasExpression, RunParameters } from '../../../nodes/Telnyx/engine/executor';
import { compileItemRead, readItem } from '../../../nodes/Telnyx/engine/itemRead';
import { TelnyxMock } from '../../mock/telnyxMock';
import { bodyOf, callItem, NODE, runNode } from './helpers';

describe('hasExpression', () => {
	test.each([
		['text', 'Hello', false],
		['an expression', '={{ $json.n }}', true],
		['a number', 3, false],
		['a collection without one', { language: 'en-US', loop: 2, list: ['a'] }, false],
		['a collection with one deep inside', { a: { b: [{ c: '={{ 1 }}' }] } }, true],
		['an "=" that is not first', 'a=b', false],
		['nothing', undefined, false],
	])('%s', (_label, value, expected) => {
		expect(hasExpression(value)).toBe(expected);
	});
});

/** A stand-in for n8n's parameter access that counts what is resolved. */
function fakeContext(parameters: Record<string, unknown>) {
	const calls: string[] = [];
	const ctx = {
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown, options?: object) {
			const raw = name in parameters ? parameters[name] : fallback;
			if (options && 'rawExpressions' in options) {
				calls.push(`raw ${name}`);
				return raw;
			}
			calls.push(`resolve ${name} ${itemIndex}`);
			return typeof raw === 'string' && raw.startsWith('=') ? `${raw.slice(1)}#${itemIndex}` : raw;
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('RunParameters', () => {
	test('a value without an expression is resolved once, whatever the number of items', () => {
		const { ctx, calls } = fakeContext({ voice: 'female', options: { timeout: 5000 } });
		const parameters = new RunParameters(ctx);
		for (let item = 0; item < 100; item++) {
			expect(parameters.get('voice', item)).toBe('female');
			expect(parameters.get('options', item, {})).toEqual({ timeout: 5000 });
		}
		expect(calls).toEqual(['raw voice', 'resolve voice 0', 'raw options', 'resolve options 0']);
	});

	test('an expression is resolved for each item, its raw form read once', () => {
		const { ctx, calls } = fakeContext({ payload: '=item' });
		const parameters = new RunParameters(ctx);
		expect([0, 1, 2].map((item) => parameters.get('payload', item))).toEqual([
			'item#0',
			'item#1',
			'item#2',
		]);
		expect(calls).toEqual([
			'raw payload',
			'resolve payload 0',
			'resolve payload 1',
			'resolve payload 2',
		]);
	});

	test('the fallback of a missing parameter is used', () => {
		const { ctx } = fakeContext({});
		expect(new RunParameters(ctx).get('additionalFields', 4, {})).toEqual({});
	});
});

test('the schema check that planning skips would never change a value of this node', () => {
	// n8n's check only acts on properties with `validateType` or a resource mapper.
	const offending: string[] = [];
	const visit = (property: INodeProperties, path: string) => {
		if (property.validateType || property.type === 'resourceMapper') offending.push(path);
		for (const option of (property.options ?? []) as Array<
			INodeProperties | { name: string; values?: INodeProperties[] }
		>) {
			if ('type' in option) visit(option, `${path}.${option.name}`);
			for (const value of ('values' in option ? option.values : undefined) ?? [])
				visit(value, `${path}.${option.name}.${value.name}`);
		}
	};
	for (const property of buildProperties(catalogue)) visit(property, property.name);
	expect(offending).toEqual([]);
});

describe('through n8n', () => {
	let mock: TelnyxMock;
	beforeAll(async () => {
		mock = await TelnyxMock.start();
	});
	afterAll(async () => {
		await mock.stop();
	});
	beforeEach(() => mock.reset());

	test('static and per-item values mix as if every item were read on its own', async () => {
		const input = [0, 1, 2].map((n) =>
			callItem(`v3:call-${n}`, { n, lang: ['en-US', 'de-DE', 'fr-FR'][n] }),
		);
		const result = await runNode(
			mock,
			{
				resource: 'call',
				operation: 'speak',
				payload: '={{ "item " + $json.n }}',
				voice: 'female',
				additionalFields: { language: '={{ $json.lang }}', commandId: 'fixed-id' },
			},
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests.map(bodyOf)).toEqual([
			{ payload: 'item 0', voice: 'female', language: 'en-US', command_id: 'fixed-id' },
			{ payload: 'item 1', voice: 'female', language: 'de-DE', command_id: 'fixed-id' },
			{ payload: 'item 2', voice: 'female', language: 'fr-FR', command_id: 'fixed-id' },
		]);
		expect(result.items(NODE)).toHaveLength(3);
	});

	test('a static value that is invalid fails every item, each with its own index', async () => {
		const input = [0, 1].map((n) => callItem(`v3:call-${n}`));
		const result = await runNode(
			mock,
			{
				resource: 'call',
				operation: 'speak',
				payload: 'Hello',
				voice: 'female',
				additionalFields: { language: 'xx-NOPE' },
			},
			{ input, settings: { onError: 'continueRegularOutput' } },
		);
		expect(mock.requests).toHaveLength(0);
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ error: expect.stringContaining('Language') }),
			expect.objectContaining({ error: expect.stringContaining('Language') }),
		]);
		expect(result.items(NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('expressions that only read the item', () => {
	test.each([
		['={{ $json.id }}', [[{ key: 'id', optional: false }]]],
		[
			'={{ $json.payload?.call_control_id ?? $json.call_control_id }}',
			[
				[
					{ key: 'payload', optional: false },
					{ key: 'call_control_id', optional: true },
				],
				[{ key: 'call_control_id', optional: false }],
			],
		],
		[
			'={{$json.a.b}}',
			[
				[
					{ key: 'a', optional: false },
					{ key: 'b', optional: false },
				],
			],
		],
	])('%s is read directly', (raw, paths) => {
		expect(compileItemRead(raw)).toEqual(paths);
	});

	test.each([
		'={{ $json.id.trim() }}',
		'={{ $json["id"] }}',
		'={{ $json.id || "x" }}',
		'={{ ($json.id) }}',
		'={{ $json.id }} and more',
		'={{ $node.Start.json.id }}',
		'={{ $json }}',
		'$json.id',
		'={{ $json.id }}{{ $json.other }}',
	])('%s is left to n8n', (raw) => {
		expect(compileItemRead(raw)).toBeUndefined();
	});

	test('reads follow JavaScript: ?. ends the chain, ?? takes the first value that is set', () => {
		const read = compileItemRead('={{ $json.payload?.call_control_id ?? $json.call_control_id }}')!;
		expect(readItem({ payload: { call_control_id: 'a' }, call_control_id: 'b' }, read)).toEqual({
			value: 'a',
		});
		expect(readItem({ call_control_id: 'b' }, read)).toEqual({ value: 'b' });
		expect(readItem({ payload: null, call_control_id: 'b' }, read)).toEqual({ value: 'b' });
		expect(readItem({ payload: { call_control_id: '' }, call_control_id: 'b' }, read)).toEqual({
			value: '',
		});
		expect(readItem({ payload: { call_control_id: 7 } }, read)).toEqual({ value: 7 });
		// Cases n8n must decide: nothing set, a value that is not text, a step into text.
		expect(readItem({}, read)).toBeUndefined();
		expect(readItem({ payload: { call_control_id: { id: 'x' } } }, read)).toBeUndefined();
		expect(readItem({ payload: 'text' }, read)).toBeUndefined();
		expect(readItem({ payload: { call_control_id: ['a'] } }, read)).toBeUndefined();
		expect(
			readItem({ payload: { toString: 'own' } }, compileItemRead('={{ $json.payload.toString }}')!),
		).toEqual({ value: 'own' });
		expect(
			readItem({ payload: {} }, compileItemRead('={{ $json.payload.toString }}')!),
		).toBeUndefined();
		// Without ?., a missing object is an error in n8n: left to n8n.
		expect(readItem({}, compileItemRead('={{ $json.payload.call_control_id }}')!)).toBeUndefined();
	});

	test('RunParameters reads such an expression from the item without asking n8n', () => {
		const { ctx, calls } = fakeContext({ callControlId: '={{ $json.payload?.call_control_id }}' });
		const items = [0, 1, 2].map((n) => ({ json: { payload: { call_control_id: `v3:${n}` } } }));
		const parameters = new RunParameters(ctx, items);
		expect(items.map((_, n) => parameters.get('callControlId', n))).toEqual([
			'v3:0',
			'v3:1',
			'v3:2',
		]);
		expect(calls).toEqual(['raw callControlId']);
	});

	describe('gives what n8n gives', () => {
		let mock: TelnyxMock;
		beforeAll(async () => {
			mock = await TelnyxMock.start();
		});
		afterAll(async () => {
			await mock.stop();
		});
		beforeEach(() => mock.reset());

		const shapes = [
			{ payload: { call_control_id: 'v3:from-payload' }, call_control_id: 'v3:top' },
			{ call_control_id: 'v3:top-only' },
			{ payload: null, call_control_id: 'v3:after-null' },
			{ payload: { call_control_id: null }, call_control_id: 'v3:after-null-id' },
			{ payload: { call_control_id: 12345 } },
			{ payload: { call_control_id: true } },
			{ payload: { call_control_id: '' }, call_control_id: 'v3:not-used' },
			{ payload: 'just text', call_control_id: 'v3:after-text' },
			{ payload: { call_control_id: { nested: 'v3:object' } } },
			{},
		];

		/** What the node sends (or the error it raises) per item, for one way of writing the ID. */
		async function outcome(callControlId: string) {
			mock.reset();
			const results = [];
			for (const json of shapes) {
				const result = await runNode(
					mock,
					{ resource: 'call', operation: 'hangup', callControlId },
					{ input: [{ json }], settings: { onError: 'continueRegularOutput' } },
				);
				const sent = mock.requests.splice(0).map((r) => r.path);
				results.push({ sent, output: result.output(NODE) });
			}
			return results;
		}

		test('for every shape of item, the direct read and n8n agree', async () => {
			const direct = '={{ $json.payload?.call_control_id ?? $json.call_control_id }}';
			// The same expression in brackets: n8n evaluates it itself.
			const byN8n = '={{ ($json.payload?.call_control_id ?? $json.call_control_id) }}';
			expect(compileItemRead(direct)).toBeDefined();
			expect(compileItemRead(byN8n)).toBeUndefined();
			const [fast, slow] = [await outcome(direct), await outcome(byN8n)];
			expect(fast).toEqual(slow);
			// And the comparison is not empty: most shapes send, some fail.
			expect(fast.filter((r) => r.sent.length === 1)).toHaveLength(8);
		});
	});
});
