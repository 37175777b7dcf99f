/**
 * The codex files (`<Name>.node.json` beside each node): n8n reads them from `dist` next to the
 * compiled node and its node picker searches their aliases. The browser test checks the search
 * itself in a real editor; this checks the files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeType } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** What a builder types when looking for a telephony node (issue wording: by function, not brand). */
const SEARCH_TERMS = ['voice', 'phone call', 'IVR', 'SIP'];

interface Codex {
	node: string;
	nodeVersion: string;
	codexVersion: string;
	categories: string[];
	subcategories?: Record<string, string[]>;
	alias: string[];
	resources: {
		primaryDocumentation: Array<{ url: string }>;
		credentialDocumentation: Array<{ url: string }>;
	};
}

const nodes = (manifest.n8n.nodes as string[]).map((distFile) => {
	const source = path.join(ROOT, distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const codexFile = source.replace(/\.ts$/, '.json');
	const exported = require(source) as Record<string, new () => INodeType>;
	const [NodeClass] = Object.values(exported);
	return { distFile, codexFile, description: new NodeClass().description };
});

describe.each(nodes)('codex of $distFile', ({ codexFile, description }) => {
	const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8')) as Codex;

	test('names the node as n8n registers it', () => {
		expect(codex.node).toBe(`${manifest.name}.${description.name}`);
		expect(codex.nodeVersion).toBe('1.0');
		expect(codex.codexVersion).toBe('1.0');
	});

	test('files the node under Communication → Voice', () => {
		expect(codex.categories).toEqual(['Communication']);
		expect(codex.subcategories).toEqual({ Communication: ['Voice'] });
	});

	test('has an alias for each search term, each alias once', () => {
		const aliases = codex.alias.map((alias) => alias.toLowerCase());
		for (const term of SEARCH_TERMS) expect(aliases).toContain(term.toLowerCase());
		expect(new Set(aliases).size).toBe(aliases.length);
	});

	test('links documentation over https', () => {
		const urls = [
			...codex.resources.primaryDocumentation,
			...codex.resources.credentialDocumentation,
		].map((entry) => entry.url);
		expect(urls.length).toBeGreaterThanOrEqual(2);
		for (const url of urls) expect(url).toMatch(/^https:\/\/\S+$/);
	});
});
