/**
 * The properties the builder generates are never seen by the linter, which only reads source.
 * Here the built description is written out as the source of a node class and linted with the
 * project's ESLint config: n8n's node rules must find nothing.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';

const root = path.join(__dirname, '../../..');

/** Jest sets NODE_ENV=test, which makes n8n's lint plugin treat every file as every kind of file. */
const env = { ...process.env, NODE_ENV: 'production' };

/** A value as TypeScript source: identifier keys unquoted, strings single-quoted, as hand-written nodes do. */
function toSource(value: unknown, indent = ''): string {
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => `${inner}${toSource(entry, inner)},`).join('\n')}\n${indent}]`;
	}
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
		if (entries.length === 0) return '{}';
		const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));
		return `{\n${entries.map(([name, entry]) => `${inner}${key(name)}: ${toSource(entry, inner)},`).join('\n')}\n${indent}}`;
	}
	if (typeof value === 'string') return quote(value);
	return String(value);
}

function quote(text: string): string {
	return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

test('the linter really reads the generated source', () => {
	// A parameter without a default, in the same kind of source, is reported.
	const run = spawnSync(
		process.execPath,
		[
			path.join(root, 'test/harness/lintSource.mjs'),
			path.join(root, 'nodes/Telnyx/Telnyx.node.ts'),
		],
		{
			cwd: root,
			env,
			input: `export const broken = { displayName: 'Call ID', name: 'callId', type: 'string' };\n`,
			encoding: 'utf8',
		},
	);
	const messages = JSON.parse(run.stdout) as Array<{ ruleId: string }>;
	expect(messages.map((m) => m.ruleId)).toContain('n8n-nodes-base/node-param-default-missing');
}, 120_000);

test("the built description passes n8n's node lint rules", () => {
	const { description } = new Telnyx();
	// Written as the node class writes them: connection types as n8n's constants, and the
	// restart webhook as a named constant (restart webhooks are never registered, so they have
	// no lifecycle methods). The outputs are an expression (a second output while a call
	// command waits), kept as is.
	const body = toSource({ ...description, inputs: 'INPUTS', webhooks: 'WEBHOOKS' }, '\t')
		.replace("inputs: 'INPUTS'", 'inputs: [NodeConnectionTypes.Main]')
		.replace("webhooks: 'WEBHOOKS'", 'webhooks: WAIT_WEBHOOKS');
	expect(description.inputs).toEqual(['main']);
	expect(description.outputs).toMatch(/^=\{\{/);
	const source = [
		"import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';",
		"import { NodeConnectionTypes } from 'n8n-workflow';",
		'',
		`const WAIT_WEBHOOKS: INodeTypeDescription['webhooks'] = ${toSource(description.webhooks, '')};`,
		'',
		'export class Telnyx implements INodeType {',
		`\tdescription: INodeTypeDescription = ${body};`,
		'',
		// The rules tell regular nodes from triggers by this method; the body does not matter to them.
		'\tasync execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {',
		'\t\treturn [this.getInputData()];',
		'\t}',
		'}',
		'',
	].join('\n');
	const run = spawnSync(
		process.execPath,
		[
			path.join(root, 'test/harness/lintSource.mjs'),
			path.join(root, 'nodes/Telnyx/Telnyx.node.ts'),
		],
		{ cwd: root, env, input: source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
	);
	expect(run.stderr).toBe('');
	const messages = JSON.parse(run.stdout) as Array<{
		ruleId: string;
		message: string;
		line: number;
	}>;
	const lines = source.split('\n');
	const found = messages.map((m) => `${m.ruleId}: ${m.message} | ${lines[m.line - 1]?.trim()}`);
	expect(found).toEqual([]);
}, 120_000);
