#!/usr/bin/env node
/**
 * Writes test/fixtures/telnyx-operations.json: the facts of the Telnyx Call Control API
 * (methods, paths, parameter names, types, enums, required flags) without any of the API's
 * prose, from the operations file derived from the official `telnyx` SDK.
 *
 *   node scripts/extract-api-facts.js [path/to/call-control-operations.json]
 */
const fs = require('node:fs');
const path = require('node:path');

const source = process.argv[2] ?? path.join(__dirname, '../../shared/telnyx/call-control-operations.json');
const target = path.join(__dirname, '../test/fixtures/telnyx-operations.json');

function param(p) {
	const out = { name: p.name, type: p.type };
	if (p.required) out.required = true;
	if (p.enum) out.enum = p.enum;
	if (p.items && typeof p.items === 'object') {
		out.items = { type: p.items.type };
		if (p.items.enum) out.items.enum = p.items.enum;
		if (p.items.properties) out.items.properties = p.items.properties.map((q) => q.name);
	}
	if (p.properties) out.properties = p.properties.map(param);
	return out;
}

const { operations } = JSON.parse(fs.readFileSync(source, 'utf8'));
const facts = operations.map((o) => ({
	method: o.method,
	path: o.path,
	paginated: o.paginated,
	contentType: o.content_type ?? null,
	pathParams: o.path_params.map((p) => p.name),
	query: o.query_params.map(param),
	body: [...o.required_body_params, ...o.optional_body_params].map(param),
}));
fs.writeFileSync(target, JSON.stringify(facts, null, 1) + '\n');
console.log(`wrote ${facts.length} operations to ${path.relative(process.cwd(), target)}`);
