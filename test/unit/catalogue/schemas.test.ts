/**
 * Output schemas (`nodes/<Node>/__schema__/v1.0.0/...`), one per operation, with the field names
 * and types of Telnyx's answers as the official SDK types them. n8n serves them at
 * `/schemas/<node type>/<version>/<resource>/<operation>.json`, and the editor shows them in the
 * next node's input panel before a first run, so a builder can map fields. The browser test sees
 * that happen; this checks the files against the catalogue and against what the node outputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadOutputSchema, resolveOutputSchemaPath } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { toOutputItem } from '../../../nodes/TelnyxTrigger/output';
import { TelnyxMock } from '../../mock/telnyxMock';
import { NODE, runNode } from '../engine/helpers';

const ROOT = path.resolve(__dirname, '../../..');
const ACTION_DIR = path.join(ROOT, 'nodes/Telnyx/__schema__');
const TRIGGER_DIR = path.join(ROOT, 'nodes/TelnyxTrigger/__schema__');

interface Schema {
	type: string;
	properties?: Record<string, Schema>;
	items?: Schema;
	version?: number;
}

function read(file: string): Schema {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as Schema;
}

function filesUnder(dir: string): string[] {
	return fs
		.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.json'));
}

const TYPES = ['object', 'array', 'string', 'number', 'boolean', 'null'];

/** Every place in a schema that declares a type, with its path. */
function walk(schema: Schema, at: string, visit: (schema: Schema, at: string) => void) {
	visit(schema, at);
	for (const [key, child] of Object.entries(schema.properties ?? {}))
		walk(child, `${at}.${key}`, visit);
	if (schema.items && Object.keys(schema.items).length) walk(schema.items, `${at}[]`, visit);
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** Keys of `value` that the schema does not declare, or declares with another type. */
function mismatches(value: unknown, schema: Schema, at = '$'): string[] {
	const actual = typeOf(value);
	if (actual === 'null') return [];
	if (actual !== schema.type) return [`${at}: ${actual}, schema says ${schema.type}`];
	if (actual === 'object' && schema.properties) {
		return Object.entries(value as IDataObject).flatMap(([key, child]) =>
			schema.properties![key]
				? mismatches(child, schema.properties![key], `${at}.${key}`)
				: [`${at}.${key}: not in the schema`],
		);
	}
	if (actual === 'array' && schema.items?.type)
		return (value as unknown[]).flatMap((child, i) =>
			mismatches(child, schema.items!, `${at}[${i}]`),
		);
	return [];
}

const operations = catalogue.flatMap((resource) =>
	resource.operations.map((operation) => ({ resource: resource.value, operation })),
);

describe('action node schemas', () => {
	const files = filesUnder(ACTION_DIR);

	test('each file names a real operation of node version 1', () => {
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const [version, resource, operationFile] = file.split(path.sep);
			expect(version).toBe('v1.0.0');
			const known = operations.some(
				(o) => o.resource === resource && `${o.operation.value}.json` === operationFile,
			);
			expect([file, known]).toEqual([file, true]);
		}
	});

	test('every operation has one, so the editor never asks for a schema that is missing', () => {
		const wanted = operations.map(({ resource, operation }) =>
			path.join('v1.0.0', resource, `${operation.value}.json`),
		);
		// The 103 API operations, plus Wait for Event, whose output is a call event as the trigger emits it.
		expect(operations.filter(({ operation }) => !operation.noRequest)).toHaveLength(103);
		expect(wanted).toHaveLength(104);
		expect([...files].sort()).toEqual([...wanted].sort());
	});

	test('commands promise their result, and operations without an answer body promise success', () => {
		expect(read(path.join(ACTION_DIR, 'v1.0.0/call/speak.json')).properties).toEqual({
			result: { type: 'string' },
		});
		expect(read(path.join(ACTION_DIR, 'v1.0.0/queue/delete.json')).properties).toEqual({
			success: { type: 'boolean' },
		});
		expect(read(path.join(ACTION_DIR, 'v1.0.0/media/download.json')).properties).toEqual({
			media_name: { type: 'string' },
		});
	});

	test('each is an object schema with fields, the form the editor accepts', () => {
		for (const file of files) {
			const schema = read(path.join(ACTION_DIR, file));
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
			expect(schema.version).toBe(1);
			walk(schema, file, (node, at) => expect([at, TYPES.includes(node.type)]).toEqual([at, true]));
		}
	});

	test("n8n's own resolver finds each one where the editor's request for it points", () => {
		// GET /schemas/<type>/1.0.0/<resource>/<operation>.json resolves like this, without fallback.
		for (const { resource, operation } of operations) {
			const file = resolveOutputSchemaPath({
				nodeDir: path.join(ROOT, 'nodes/Telnyx'),
				version: 1,
				resource,
				operation: operation.value,
			});
			expect(file && fs.existsSync(file)).toBe(true);
		}
	});

	test('Dial promises the IDs that the next command needs', () => {
		const dial = read(path.join(ACTION_DIR, 'v1.0.0/call/dial.json'));
		expect(dial.properties).toMatchObject({
			call_control_id: { type: 'string' },
			call_leg_id: { type: 'string' },
			call_session_id: { type: 'string' },
			is_alive: { type: 'boolean' },
		});
	});
});

describe('what the node outputs fits its schema', () => {
	let mock: TelnyxMock;
	beforeAll(async () => {
		mock = await TelnyxMock.start();
	});
	afterAll(async () => mock.stop());
	beforeEach(() => mock.reset());

	const schemaOf = (resource: string, operation: string) =>
		read(path.join(ACTION_DIR, 'v1.0.0', resource, `${operation}.json`));

	async function outputOf(parameters: IDataObject): Promise<IDataObject[]> {
		const result = await runNode(mock, parameters);
		expect(result.error).toBeUndefined();
		const output = result.output(NODE);
		expect(output.length).toBeGreaterThan(0);
		return output;
	}

	test('Dial and Get Status', async () => {
		const [dialed] = await outputOf({
			resource: 'call',
			operation: 'dial',
			connectionId: { __rl: true, mode: 'id', value: '1494404757140276705' },
			from: '+13125550100',
			to: '+13125550123',
		});
		expect(mismatches(dialed, schemaOf('call', 'dial'))).toEqual([]);
		const [status] = await outputOf({
			resource: 'call',
			operation: 'getStatus',
			callControlId: String(dialed.call_control_id),
		});
		expect(mismatches(status, schemaOf('call', 'getStatus'))).toEqual([]);
	});

	test('Call Control Application Get Many', async () => {
		mock.addApplication({
			id: '1293384261075731499',
			application_name: 'Support IVR',
			webhook_event_url: 'https://example.com/hook',
		});
		const items = await outputOf({
			resource: 'callControlApplication',
			operation: 'getMany',
			returnAll: true,
		});
		for (const item of items)
			expect(mismatches(item, schemaOf('callControlApplication', 'getMany'))).toEqual([]);
	});

	test('Media Get Many, after an upload', async () => {
		await outputOf({
			resource: 'media',
			operation: 'upload',
			mediaUrl: 'https://example.com/hello.mp3',
			additionalFields: { mediaName: 'hello' },
		});
		const items = await outputOf({ resource: 'media', operation: 'getMany' });
		expect(items.map((item) => item.media_name)).toEqual(['hello']);
		const schema = schemaOf('media', 'getMany');
		for (const item of items) {
			// The mock adds the stored size; Telnyx's record has no such field.
			const { size_bytes: _size, ...record } = item;
			expect(mismatches(record, schema)).toEqual([]);
		}
	});

	test('a field the schema lacks is caught', () => {
		expect(mismatches({ call_control_id: 'x', surprise: 1 }, schemaOf('call', 'dial'))).toEqual([
			'$.surprise: not in the schema',
		]);
		expect(mismatches({ is_alive: 'yes' }, schemaOf('call', 'dial'))).toEqual([
			'$.is_alive: string, schema says boolean',
		]);
	});
});

describe('trigger schema', () => {
	const schema = read(path.join(TRIGGER_DIR, 'v1.0.0/output.json'));

	test("is Wait for Event's too: n8n looks each up by its own path, so the two files must stay the same", () => {
		expect(read(path.join(ACTION_DIR, 'v1.0.0/call/waitForEvent.json'))).toEqual(schema);
	});

	test('describes the item the trigger emits, for any event', () => {
		expect(Object.keys(schema.properties ?? {})).toEqual([
			'event_type',
			'id',
			'occurred_at',
			'payload',
			'meta',
		]);
		const item = toOutputItem({
			event_type: 'call.gather.ended',
			id: '0ccc7b54-4df3-4bcb-a65a-3da1ecc997d7',
			occurred_at: '2026-01-01T12:00:00.000Z',
			payload: {
				call_control_id: 'v3:abc',
				call_leg_id: 'leg',
				call_session_id: 'session',
				client_state: Buffer.from('{"step":"menu"}').toString('base64'),
				connection_id: '1494404757140276705',
				digits: '1',
				from: '+13125550123',
				to: '+13125550100',
				status: 'valid',
			},
			meta: { attempt: 1, delivered_to: 'https://n8n.example.com/webhook/x' },
		});
		expect(mismatches(item, schema)).toEqual([]);
	});

	test("n8n's output schema lookup (used by its AI workflow builder) finds it for the trigger", () => {
		const found = loadOutputSchema({
			nodeDir: path.join(ROOT, 'nodes/TelnyxTrigger'),
			version: 1,
			versionFallback: true,
		});
		expect(found).toEqual(schema);
	});

	test('knows the payload fields the flows branch on', () => {
		const payload = schema.properties!.payload.properties ?? {};
		for (const key of [
			'call_control_id',
			'client_state',
			'client_state_decoded',
			'digits',
			'from',
			'to',
			'hangup_cause',
			'recording_urls',
			'conference_id',
		])
			expect([key, payload[key]?.type !== undefined]).toEqual([key, true]);
	});
});
