/**
 * n8n's UX guidelines, checked on the properties the builder generates from the catalogue
 * (the linter only sees the source, not what the builder makes of it).
 */
import {
	Workflow,
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { paramName } from '../../../nodes/Telnyx/catalogue/builder';

const node = new Telnyx();
const { properties } = node.description;

/** Every property, including those inside collections. */
function walk(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) => {
			if ('type' in option) return walk([option as INodeProperties]);
			if ('values' in option) return walk((option as INodePropertyCollection).values);
			return [];
		});
		return [property, ...nested];
	});
}
const all = walk(properties);

const ACRONYMS = new Set([
	'ID',
	'IDs',
	'URL',
	'URLs',
	'SIP',
	'DTMF',
	'AI',
	'SIPREC',
	'TTL',
	'JSON',
	'API',
	'TTS',
	'RX',
	'TX',
	'UDP',
	'TCP',
	'TLS',
	'MP3',
	'WAV',
	'RTP',
	'SRTP',
	'DTLS',
	'AMD',
	'E.164',
	'INFO',
	'REFER',
	'V1',
	'V2',
	'LLM',
	'STIR',
	'SHAKEN',
	'PCMU',
	'PCMA',
	'OPUS',
	'L16',
	'G722',
	'AMR-WB',
	'FQDN',
	'CVV',
	'UK',
	'US',
	'VP8',
	'H264',
	'G729',
	'CNG',
]);

describe('the Telnyx node follows n8n conventions', () => {
	test('is usable as a tool and has themed icons and one credential', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.icon).toEqual({
			light: 'file:../../icons/telnyx.svg',
			dark: 'file:../../icons/telnyx.dark.svg',
		});
		expect(node.description.credentials).toEqual([{ name: 'telnyxApi', required: true }]);
	});

	test.each(
		catalogue.flatMap((resource) =>
			resource.operations.map((operation) => [
				`${resource.name}: ${operation.name}`,
				resource.value,
				operation.value,
			]),
		),
	)('the canvas subtitle reads "%s"', (expected, resource, operation) => {
		// Evaluated the way the editor does: n8n's expression engine with the node's parameters.
		const telnyx: INode = {
			id: '1',
			name: 'Telnyx',
			type: 'n8n-nodes-telnyx-call-control.telnyx',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource, operation },
		};
		const workflow = new Workflow({
			nodes: [telnyx],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => node,
				getByNameAndVersion: () => node,
				getKnownTypes: () => ({}),
			},
		});
		expect(
			workflow.expression.getSimpleParameterValue(telnyx, node.description.subtitle!, 'internal', {}),
		).toBe(expected);
	});

	test('the subtitle spells values out and carries only the names its spelling misses', () => {
		const expression = node.description.subtitle!;
		const spelled = (value: string) =>
			value.charAt(0).toUpperCase() + value.slice(1).replace(/[A-Z]/g, ' $&');
		const named = catalogue.flatMap((resource) => [
			resource,
			...resource.operations.map(({ value, name }) => ({ value, name })),
		]);
		const carried = named.filter(({ name }) => expression.includes(`"${name}"`));
		for (const { value, name } of carried)
			expect([value, name]).not.toEqual([value, spelled(value)]);
		expect(carried.length).toBeLessThan(named.length / 5);
		expect(expression).not.toContain('"Gather Using Speak"');
	});

	test('resource and operation have noDataExpression and sorted options', () => {
		const selectors = properties.filter((p) => p.name === 'resource' || p.name === 'operation');
		expect(selectors).toHaveLength(1 + catalogue.length);
		for (const selector of selectors) {
			expect(selector.noDataExpression).toBe(true);
			const names = (selector.options as INodePropertyOptions[]).map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	test('operation names follow n8n wording and every operation has an action', () => {
		for (const resource of catalogue) {
			for (const operation of resource.operations) {
				expect(operation.name).not.toMatch(/^(List|Get All|Fetch|Retrieve|Remove All)\b/);
				expect(operation.action.length).toBeGreaterThan(0);
				expect(operation.action[0]).toBe(operation.action[0].toUpperCase());
				expect(operation.description.length).toBeGreaterThan(0);
			}
		}
	});

	test('every options list is sorted by name', () => {
		for (const property of all.filter((p) => p.type === 'options' || p.type === 'multiOptions')) {
			const names = (property.options as INodePropertyOptions[]).map((o) => o.name);
			expect([property.name, names]).toEqual([
				property.name,
				[...names].sort((a, b) => a.localeCompare(b)),
			]);
		}
	});

	test('collections list their fields sorted by display name', () => {
		for (const property of all.filter((p) => p.type === 'collection')) {
			const names = (property.options as INodeProperties[]).map((o) => o.displayName);
			expect([property.name, names]).toEqual([
				property.name,
				[...names].sort((a, b) => a.localeCompare(b)),
			]);
		}
	});

	test('booleans are described with "Whether", placeholders start with "e.g."', () => {
		for (const property of all) {
			if (property.type === 'boolean')
				expect([property.name, property.description]).toEqual([
					property.name,
					expect.stringMatching(/^Whether /),
				]);
			if (property.placeholder && !['collection', 'fixedCollection'].includes(property.type))
				expect([property.name, property.placeholder]).toEqual([
					property.name,
					expect.stringMatching(/^e\.g\. /),
				]);
		}
	});

	test('display names are in title case', () => {
		for (const property of all) {
			for (const word of property.displayName.split(/\s+/)) {
				if (
					ACRONYMS.has(word.replace(/[()]/g, '')) ||
					/^(a|an|and|as|at|by|for|from|in|of|on|or|the|to|with)$/.test(word)
				)
					continue;
				expect([property.displayName, word[0]]).toEqual([
					property.displayName,
					word[0].replace(/^[a-z]/, (c) => c.toUpperCase()),
				]);
			}
		}
	});

	test('units are written one way: (Milliseconds), (Seconds) or (Hz)', () => {
		const units = all
			.map((property) => /\(([^)]+)\)$/.exec(property.displayName)?.[1])
			.filter((unit): unit is string => !!unit && /^(m?s|ms|msecs?|millis(econds)?|secs?|seconds|hz)$/i.test(unit));
		expect(units.length).toBeGreaterThan(10);
		expect([...new Set(units)].sort()).toEqual(['Hz', 'Milliseconds', 'Seconds']);
	});

	test('Return All comes before Limit, and Limit defaults to 50', () => {
		for (const resource of catalogue) {
			for (const operation of resource.operations.filter((o) => o.paginated)) {
				const own = properties.filter(
					(p) =>
						p.displayOptions?.show?.operation?.includes(operation.value) &&
						p.displayOptions?.show?.resource?.includes(resource.value),
				);
				const names = own.map((p) => p.name);
				expect(names.indexOf('returnAll')).toBeGreaterThanOrEqual(0);
				expect(names.indexOf('limit')).toBe(names.indexOf('returnAll') + 1);
				expect(own.find((p) => p.name === 'limit')!.default).toBe(50);
			}
		}
	});

	test("no field name clashes with the node's own parameters", () => {
		const reserved = new Set([
			'resource',
			'operation',
			'options',
			'returnAll',
			'limit',
			'additionalFields',
			'updateFields',
			'filters',
			'binaryPropertyName',
		]);
		for (const resource of catalogue)
			for (const operation of resource.operations)
				for (const field of operation.fields)
					expect([field.key, reserved.has(paramName(field))]).toEqual([field.key, false]);
	});

	test('no example values are used as defaults', () => {
		for (const resource of catalogue)
			for (const operation of resource.operations)
				for (const field of operation.fields)
					if (field.type === 'string' && field.default)
						expect([field.key, field.default]).not.toEqual([
							field.key,
							expect.stringMatching(/^\+?\d{6,}|https?:|sip:|example|@/),
						]);
	});

	test('descriptions are short sentences in n8n style', () => {
		for (const property of all.filter((p) => p.description)) {
			const text = property.description!;
			const sentences = text.split(/(?<=[.!?])\s+/).length;
			if (sentences === 1)
				expect([property.name, text.endsWith('.') && !text.endsWith('etc.')]).toEqual([
					property.name,
					false,
				]);
			else expect([property.name, /[.!?)]$/.test(text)]).toEqual([property.name, true]);
		}
	});
});

describe('the README', () => {
	const readme = require('node:fs').readFileSync(
		require('node:path').join(__dirname, '../../../README.md'),
		'utf8',
	) as string;

	test.each(catalogue.map((resource) => [resource.name, resource]))(
		'lists every operation of %s',
		(_name, resource) => {
			const row = readme.split('\n').find((line) => line.replace(/\s+/g, ' ').startsWith(`| ${resource.name} |`));
			expect(row).toBeDefined();
			const listed = row!
				.split('|')[2]
				.split(',')
				.map((name) => name.trim());
			expect(listed.sort()).toEqual(resource.operations.map((operation) => operation.name).sort());
		},
	);
});
