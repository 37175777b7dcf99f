/**
 * The example workflows, read as n8n would import them: well-formed, every parameter of our
 * nodes one the node really has (so a renamed field cannot silently break an example), every
 * placeholder documented, credentials referred to by name only. The end-to-end suite runs them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { TelnyxTrigger } from '../../../nodes/TelnyxTrigger/TelnyxTrigger.node';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIR = path.join(ROOT, 'examples');
const PACKAGE = 'n8n-nodes-telnyx-call-control';
const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
const files = fs
	.readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort();
const examples = files.map((file) => ({
	file,
	text: fs.readFileSync(path.join(DIR, file), 'utf8'),
	workflow: JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')),
}));

const actionProperties = new Telnyx().description.properties;
const triggerProperties = new TelnyxTrigger().description.properties;
const triggerEvents = (
	triggerProperties.find((p) => p.name === 'events')?.options as Array<{ value: string }>
).map((o) => o.value);

/** The top-level properties of the action node that show for a resource and operation. */
function shownFor(resource: string, operation: string): INodeProperties[] {
	return actionProperties.filter((p) => {
		const show = p.displayOptions?.show;
		if (!show) return true;
		return (
			(!show.resource || show.resource.includes(resource)) &&
			(!show.operation || show.operation.includes(operation))
		);
	});
}

test('the five examples are there and each is listed in the README', () => {
	expect(files).toEqual([
		'ai-agent-places-a-call.json',
		'inbound-ivr.json',
		'linear-ivr.json',
		'outbound-calls-from-a-list.json',
		'save-call-recordings.json',
	]);
	for (const file of files) expect(readme).toContain(`(${file})`);
});

describe.each(examples)('$file', ({ text, workflow }) => {
	const nodes: any[] = workflow.nodes;
	const names = nodes.map((n) => n.name);

	test('is a workflow n8n imports: named nodes, unique IDs, connections between existing nodes', () => {
		expect(workflow.name).toMatch(/^Telnyx: /);
		expect(workflow.settings).toEqual({ executionOrder: 'v1' });
		expect(workflow.id).toBeUndefined();
		expect(workflow.active).toBeUndefined();
		expect(new Set(names).size).toBe(names.length);
		const ids = nodes.map((n) => n.id);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
		expect(new Set(ids).size).toBe(ids.length);
		const connected = new Set<string>();
		for (const [from, byType] of Object.entries<any>(workflow.connections)) {
			expect(names).toContain(from);
			connected.add(from);
			for (const outputs of Object.values<any[]>(byType)) {
				for (const targets of outputs) {
					for (const target of targets) {
						expect(names).toContain(target.node);
						connected.add(target.node);
					}
				}
			}
		}
		// Every node but the sticky notes is wired in.
		for (const node of nodes.filter((n) => !connected.has(n.name)))
			expect(node.type).toBe('n8n-nodes-base.stickyNote');
	});

	test('documents every placeholder it uses, in its sticky note and in the README', () => {
		const placeholders = [...new Set(text.match(/YOUR_[A-Z0-9_]+/g) ?? [])];
		expect(placeholders.length).toBeGreaterThan(0);
		const notes = nodes
			.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
			.map((n) => n.parameters.content)
			.join('\n');
		for (const placeholder of placeholders) {
			expect({ placeholder, inNote: notes.includes(`\`${placeholder}\``) }).toEqual({
				placeholder,
				inNote: true,
			});
			expect({ placeholder, inReadme: readme.includes(`\`${placeholder}\``) }).toEqual({
				placeholder,
				inReadme: true,
			});
		}
	});

	test('refers to credentials by the names n8n gives new ones, with no ID', () => {
		const defaults: Record<string, string> = {
			telnyxApi: 'Telnyx API account',
			openAiApi: 'OpenAI account',
		};
		for (const node of nodes.filter((n) => n.credentials)) {
			for (const [type, reference] of Object.entries(node.credentials)) {
				expect(reference).toEqual({ id: null, name: defaults[type] });
			}
		}
		for (const node of nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`)))
			expect(Object.keys(node.credentials ?? {})).toEqual(['telnyxApi']);
		expect(text).not.toMatch(/apiKey|Bearer|sk-/);
	});

	test('sets only parameters our nodes have, for operations they have', () => {
		const ours = nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			expect(node.typeVersion).toBe(1);
			const { parameters } = node;
			if (node.type === `${PACKAGE}.telnyxTrigger`) {
				expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
				const known = triggerProperties.map((p) => p.name);
				for (const key of Object.keys(parameters)) expect(known).toContain(key);
				for (const event of parameters.events) expect(triggerEvents).toContain(event);
				continue;
			}
			expect([`${PACKAGE}.telnyx`, `${PACKAGE}.telnyxTool`]).toContain(node.type);
			const shown = shownFor(parameters.resource, parameters.operation);
			const operation = actionProperties.find(
				(p) =>
					p.name === 'operation' && p.displayOptions?.show?.resource?.includes(parameters.resource),
			);
			expect((operation?.options as Array<{ value: string }>).map((o) => o.value)).toContain(
				parameters.operation,
			);
			// n8n adds the tool description fields to every node used as a tool.
			const known = [
				...shown.map((p) => p.name),
				...(node.type.endsWith('Tool') ? ['descriptionType', 'toolDescription'] : []),
			];
			for (const [key, value] of Object.entries<any>(parameters)) {
				expect({ node: node.name, key, known: known.includes(key) }).toEqual({
					node: node.name,
					key,
					known: true,
				});
				const collection = shown.find((p) => p.name === key && p.type === 'collection');
				if (!collection) continue;
				const options = (collection.options as INodeProperties[]).map((o) => o.name);
				for (const inner of Object.keys(value))
					expect({
						node: node.name,
						field: `${key}.${inner}`,
						known: options.includes(inner),
					}).toEqual({ node: node.name, field: `${key}.${inner}`, known: true });
			}
			// Required fields are all set.
			for (const required of shown.filter((p) => p.required && p.default === ''))
				expect({
					node: node.name,
					required: required.name,
					set: required.name in parameters,
				}).toEqual({ node: node.name, required: required.name, set: true });
		}
	});
});

test('no two examples share a webhook ID, so they can be imported side by side', () => {
	const ids = examples.flatMap(({ workflow }) =>
		workflow.nodes.filter((n: any) => n.webhookId).map((n: any) => n.webhookId),
	);
	expect(ids.length).toBeGreaterThanOrEqual(3);
	expect(new Set(ids).size).toBe(ids.length);
});
