/**
 * Planning reads per run what no item can change: a parameter without an expression is resolved
 * once for the whole run, one with an expression once per item. The results must be the same as
 * resolving everything per item.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { buildProperties } from '../../../nodes/Telnyx/catalogue/builder';
import { hasExpression, RunParameters } from '../../../nodes/Telnyx/engine/executor';
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
