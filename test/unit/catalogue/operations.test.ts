/**
 * Every operation of the catalogue, checked twice:
 * 1. against the API facts (test/fixtures/telnyx-operations.json, extracted by
 *    scripts/extract-api-facts.js from the operations file derived from the official SDK): same
 *    methods, paths, WIRE parameter names (never the SDK's names), required flags and enums;
 * 2. through n8n's real execution engine against the mock API: the exact method, path, query,
 *    headers and body, once with the required fields only and once with every field set.
 */
import type { IDataObject } from 'n8n-workflow';
import facts from '../../fixtures/telnyx-operations.json';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { paramName, parameterPath } from '../../../nodes/Telnyx/catalogue/builder';
import type { FieldSpec, OperationSpec } from '../../../nodes/Telnyx/catalogue/types';
import { locationOf } from '../../../nodes/Telnyx/engine/request';
import { TelnyxMock } from '../../mock/telnyxMock';
import { runWorkflow, singleNodeWorkflow } from '../../harness/runWorkflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { shownFields } from './shown';

interface FactParam {
	/** The key on the wire. */
	name: string;
	/** The SDK's name for it, when that differs. */
	sdkName?: string;
	type: string;
	required?: boolean;
	enum?: Array<string | number>;
	items?: { type: string; enum?: string[]; properties?: string[] };
	properties?: FactParam[];
}
interface FactOperation {
	method: string;
	path: string;
	paginated: boolean;
	contentType: string | null;
	pathParams: string[];
	query: FactParam[];
	body: FactParam[];
}

// Operations that send nothing (Wait for Event) are not API operations: test/unit/wait covers them.
const operations = catalogue.flatMap((resource) =>
	resource.operations
		.filter((operation) => !operation.noRequest)
		.map((operation) => ({ resource: resource.value, operation })),
);
const factOf = (operation: OperationSpec) =>
	(facts as FactOperation[]).find(
		(f) => f.method === operation.method && f.path === operation.path,
	)!;

/** Every key a fact parameter may be sent under: itself, or its leaves when the catalogue expands it. */
function leafKeys(param: FactParam, prefix: string, bracket: boolean): string[] {
	const key = prefix
		? bracket
			? `${prefix}[${param.name}]`
			: `${prefix}.${param.name}`
		: param.name;
	if (!param.properties?.length) return [key];
	return [key, ...param.properties.flatMap((child) => leafKeys(child, key, bracket))];
}

describe('the catalogue against the API facts', () => {
	test('has every one of the 103 operations exactly once, and nothing else', () => {
		expect(operations).toHaveLength(103);
		const signatures = operations.map(({ operation }) => `${operation.method} ${operation.path}`);
		expect(new Set(signatures).size).toBe(103);
		expect(signatures.sort()).toEqual(
			(facts as FactOperation[]).map((f) => `${f.method} ${f.path}`).sort(),
		);
	});

	test('the facts carry wire names: Bridge sends the other leg as call_control_id', () => {
		const bridge = (facts as FactOperation[]).find(
			(f) => f.path === '/calls/{call_control_id}/actions/bridge',
		)!;
		expect(bridge.body.find((p) => p.required)).toMatchObject({
			name: 'call_control_id',
			sdkName: 'call_control_id_to_bridge_with',
		});
	});

	test.each(
		operations.map(({ resource, operation }) => [`${resource}.${operation.value}`, operation]),
	)(
		'%s: wire names, locations, required flags and enums come from the API',
		(_label, operation) => {
			const fact = factOf(operation);
			// What Telnyx accepts, by where it travels: a body key and a path parameter may share a name.
			const known: Record<'path' | 'query' | 'body', Map<string, FactParam>> = {
				path: new Map(),
				query: new Map(),
				body: new Map(),
			};
			const sdkNames = new Map<string, string>();
			for (const name of fact.pathParams)
				known.path.set(name, { name, type: 'string', required: true });
			for (const param of fact.query) {
				if (param.name.startsWith('page[')) continue;
				for (const key of leafKeys(param, '', false)) known.query.set(key, param);
				if (param.name === 'filter')
					for (const child of param.properties ?? [])
						for (const key of leafKeys(child, 'filter', true)) known.query.set(key, child);
			}
			const addBody = (param: FactParam, prefix: string) => {
				const key = prefix ? `${prefix}.${param.name}` : param.name;
				known.body.set(key, param);
				if (param.sdkName) sdkNames.set(prefix ? `${prefix}.${param.sdkName}` : param.sdkName, key);
				for (const child of param.properties ?? []) addBody(child, key);
			};
			for (const param of fact.body) addBody(param, '');

			const places = operation.fields.map(
				(field) => `${locationOf(field, operation)} ${field.key}`,
			);
			expect(new Set(places).size).toBe(places.length);
			const names = operation.fields.map((field) => parameterPath(operation, field).join('.'));
			expect(new Set(names).size).toBe(names.length);
			for (const field of operation.fields) {
				const where = locationOf(field, operation);
				const fact = known[where].get(field.key);
				// A key the SDK uses but the wire does not is the bug this test exists for: say so.
				const wire = where === 'body' && !fact ? sdkNames.get(field.key) : undefined;
				expect({ key: field.key, where, known: !!fact, sdkNameFor: wire }).toEqual({
					key: field.key,
					where,
					known: true,
					sdkNameFor: undefined,
				});
				if (fact!.name === field.key && fact!.required)
					expect([field.key, !!field.required]).toEqual([field.key, true]);
				if (where === 'path') expect(operation.path).toContain(`{${field.key}}`);
				// A list that also takes any other value (such as Voice) is not an API enum.
				if (field.type === 'options' && !field.custom) {
					const values = field.options.map((o) => o.value).sort();
					expect([field.key, values]).toEqual([field.key, [...(fact!.enum ?? [])].sort()]);
				}
				if (field.type === 'multiOptions') {
					const values = field.options.map((o) => o.value).sort();
					expect([field.key, values]).toEqual([
						field.key,
						[...(fact!.items?.enum ?? fact!.enum ?? [])].sort(),
					]);
				}
			}
			const keysIn = (where: 'path' | 'body') =>
				operation.fields
					.filter((field) => locationOf(field, operation) === where)
					.map((field) => field.key);
			// Every path parameter and every required body parameter has a field.
			for (const name of fact.pathParams) expect(keysIn('path')).toContain(name);
			for (const param of fact.body.filter((p) => p.required))
				expect(keysIn('body')).toContain(param.name);
			// Every optional body parameter is reachable, directly or through its expanded leaves.
			for (const param of fact.body) {
				const covered = keysIn('body').some(
					(key) => key === param.name || key.startsWith(`${param.name}.`),
				);
				expect([param.name, covered]).toEqual([param.name, true]);
			}
			expect(!!operation.paginated).toBe(fact.paginated);
			expect(!!operation.multipart).toBe(fact.contentType === 'multipart/form-data');
		},
	);
});

describe('defaults never decide for the user', () => {
	const description = new Telnyx().description;
	const propertyOf = (resource: string, operation: OperationSpec, field: FieldSpec) =>
		shownFields(description, resource, operation.value).find(
			([path]) => path === paramName(field),
		)?.[1];

	test.each(
		operations.flatMap(({ resource, operation }) =>
			operation.fields
				.filter((field) => field.required && field.type === 'number')
				.map(
					(field) =>
						[`${resource}.${operation.value} ${field.key}`, resource, operation, field] as const,
				),
		),
	)(
		'%s: a required number starts empty unless the catalogue chose its default',
		(_l, resource, operation, field) => {
			const property = propertyOf(resource, operation, field);
			expect(property).toBeDefined();
			const chosen = (field as { default?: number | '' }).default;
			expect(property!.default).toBe(chosen === undefined ? '' : chosen);
		},
	);
});

/** A valid value for a field, and what Telnyx must receive for it. */
function sample(field: FieldSpec, operation: OperationSpec): { value: unknown; sent: unknown } {
	if (/(^|_)client_state$/.test(field.key)) {
		const text = `state of ${field.key}`;
		return { value: text, sent: Buffer.from(text).toString('base64') };
	}
	switch (field.type) {
		case 'string': {
			const byFormat: Record<string, string> = {
				phoneOrSip: '+13125550100',
				phone: '+13125550101',
				url: 'https://example.com/media/hello.mp3',
				dtmf: '12#',
			};
			if (field.numeric) return { value: '2', sent: 2 };
			// Named after the n8n parameter: a path and a body field may share a key (Bridge).
			const text = field.format
				? byFormat[field.format]
				: `${paramName(field)}-${operation.value} ü/x`;
			return { value: text, sent: text };
		}
		case 'number': {
			const value =
				field.min !== undefined ? field.min + 1 : field.max !== undefined ? field.max - 1 : 3;
			return { value, sent: value };
		}
		case 'boolean':
			return { value: true, sent: true };
		case 'options': {
			const last = field.options[field.options.length - 1].value;
			return { value: last, sent: last };
		}
		case 'multiOptions':
			return { value: [field.options[0].value], sent: [field.options[0].value] };
		case 'json':
			return field.shape === 'object'
				? { value: `{ "${field.key}": { "n": 1 } }`, sent: { [field.key]: { n: 1 } } }
				: { value: '[{ "n": 1 }, { "n": 2 }]', sent: [{ n: 1 }, { n: 2 }] };
		case 'list': {
			const entries =
				field.format === 'phoneOrSip' ? ['+13125550100', 'sip:alice@example.com'] : ['a-1', 'b-2'];
			return { value: entries.join(' , '), sent: entries };
		}
		case 'nameValue':
			return {
				value: {
					values: [
						{ name: 'X-One', value: '1' },
						{ name: 'X-Two', value: 'two' },
					],
				},
				sent: [
					{ name: 'X-One', value: '1' },
					{ name: 'X-Two', value: 'two' },
				],
			};
		case 'dateTime':
			return { value: '2024-05-01T10:20:30.000Z', sent: '2024-05-01T10:20:30.000Z' };
		case 'listMap': {
			const lists = field.numbers
				? ['1000, 5000', '250']
				: ['https://example.com/a , https://example.com/b', 'https://example.com/c'];
			const sent = field.numbers
				? [[1000, 5000], [250]]
				: [['https://example.com/a', 'https://example.com/b'], ['https://example.com/c']];
			const wrap = (list: unknown[]) => (field.wrap ? { [field.wrap]: list } : list);
			return {
				value: {
					entries: [
						{ name: 'call.answered', list: lists[0] },
						{ name: ' ', list: 'ignored' },
						{ name: 'call.hangup', list: lists[1] },
					],
				},
				sent: { 'call.answered': wrap(sent[0]), 'call.hangup': wrap(sent[1]) },
			};
		}
	}
}

function setDotted(target: IDataObject, dotted: string, value: unknown) {
	const keys = dotted.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as IDataObject;
	node[keys[keys.length - 1]] = value as IDataObject[string];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expectedRequest(resource: string, operation: OperationSpec, fields: FieldSpec[]) {
	const fact = factOf(operation);
	let path = fact.path;
	const query: Record<string, string> = {};
	const body: IDataObject = {};
	const parameters: IDataObject = { resource, operation: operation.value };
	for (const field of fields) {
		const { value, sent } = sample(field, operation);
		// A locator holds its value as the editor stores it: picked by ID or name.
		const stored =
			field.type === 'string' && field.locator
				? { __rl: true, mode: field.locator.by === 'ID' ? 'id' : 'name', value }
				: value;
		setDotted(parameters, parameterPath(operation, field).join('.'), stored);
		const where = locationOf(field, operation);
		if (where === 'path') path = path.replace(`{${field.key}}`, encodeURIComponent(String(sent)));
		else if (where === 'query')
			query[field.key] = Array.isArray(sent) ? sent.join(',') : String(sent);
		else setDotted(body, field.key, operation.multipart ? String(sent) : sent);
	}
	if (operation.paginated) {
		query['page[number]'] = '1';
		query['page[size]'] = '50';
	}
	return { path, query, body, parameters };
}

describe('every operation sends exactly what Telnyx expects', () => {
	let mock: TelnyxMock;
	beforeAll(async () => {
		mock = await TelnyxMock.start();
	});
	afterAll(async () => mock.stop());
	beforeEach(() => mock.reset());

	const credentials = () => ({ apiKey: mock.apiKey, baseUrl: mock.baseUrl, publicKey: '' });

	async function runOnce(parameters: IDataObject) {
		// The mock keeps Call Control Applications as state: seed the one the operation names.
		const id = (parameters.id as IDataObject | undefined)?.value;
		if (parameters.resource === 'callControlApplication' && typeof id === 'string')
			mock.addApplication({
				id,
				application_name: 'Seeded',
				webhook_event_url: 'https://example.com/hook',
			});
		const result = await runWorkflow(singleNodeWorkflow(parameters), {
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		return { request: mock.requests[0], result };
	}

	function checkCommon(
		operation: OperationSpec,
		request: TelnyxMock['requests'][number],
		path: string,
	) {
		expect(request.method).toBe(operation.method);
		expect(request.path).toBe(path);
		expect(request.headers.authorization).toBe(`Bearer ${mock.apiKey}`);
		if (operation.multipart)
			expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	}

	test.each(
		operations.map(({ resource, operation }) => [
			`${resource}.${operation.value}`,
			resource,
			operation,
		]),
	)('%s with the required fields only', async (_label, resource, operation) => {
		const required = operation.fields.filter((field) => field.required);
		const expected = expectedRequest(resource, operation, required);
		const { request, result } = await runOnce(expected.parameters);
		checkCommon(operation, request, expected.path);
		expect(request.query).toEqual(expected.query);
		const body = (request.body ?? {}) as IDataObject;
		const commandId = operation.fields.find((field) => field.key === 'command_id');
		if (commandId && !commandId.required) {
			expect(body.command_id).toMatch(UUID);
			delete body.command_id;
		}
		expect(body).toEqual(expected.body);
		if (
			operation.method !== 'GET' &&
			operation.method !== 'DELETE' &&
			Object.keys(expected.body).length &&
			!operation.multipart
		)
			expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(result.items('Telnyx').every((item, i) => item.pairedItem !== undefined && i >= 0)).toBe(
			true,
		);
	});

	test.each(
		operations.map(({ resource, operation }) => [
			`${resource}.${operation.value}`,
			resource,
			operation,
		]),
	)('%s with every field set', async (_label, resource, operation) => {
		const expected = expectedRequest(resource, operation, operation.fields);
		const { request } = await runOnce(expected.parameters);
		checkCommon(operation, request, expected.path);
		expect(request.query).toEqual(expected.query);
		expect(request.body ?? {}).toEqual(expected.body);
	});
});
