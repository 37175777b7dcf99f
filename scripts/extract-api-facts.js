#!/usr/bin/env node
/**
 * Writes test/fixtures/telnyx-operations.json: the facts of the Telnyx Call Control API
 * (methods, paths, parameter names, types, enums, required flags) without any of the API's
 * prose, from the operations file derived from the official `telnyx` SDK.
 *
 * `name` is the key on the wire. Where the SDK calls a body parameter something else (Bridge's
 * `call_control_id` is the SDK's `call_control_id_to_bridge_with`), `sdkName` keeps the SDK's
 * name, so a test can tell a catalogue key that copied the SDK from one that is simply unknown.
 * Path parameters keep their wire names only: the SDK's camelCase names for them never reach
 * the wire.
 *
 *   node scripts/extract-api-facts.js [path/to/call-control-operations.json]
 */
const fs = require('node:fs');
const path = require('node:path');

/** The first `shared/telnyx/call-control-operations.json` in a folder above the project. */
function defaultSource() {
	const relative = path.join('shared', 'telnyx', 'call-control-operations.json');
	for (let dir = path.resolve(__dirname, '..', '..'); ; dir = path.dirname(dir)) {
		if (fs.existsSync(path.join(dir, relative))) return path.join(dir, relative);
		if (path.dirname(dir) === dir)
			throw new Error(`no ${relative} above the project: pass the file's path`);
	}
}

const source = process.argv[2] ?? defaultSource();
const target = path.join(__dirname, '../test/fixtures/telnyx-operations.json');

function param(p) {
	const out = { name: p.name, type: p.type };
	if (p.sdk_name && p.sdk_name !== p.name) out.sdkName = p.sdk_name;
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
