const { parallel, src, dest } = require('gulp');

/** Copies the node and credential icons next to the compiled code. */
function buildIcons() {
	return src('icons/**/*.{png,svg}').pipe(dest('dist/icons'));
}

/**
 * Copies what n8n reads beside a compiled node: its codex (`<Name>.node.json`: categories,
 * aliases and documentation links for the node picker) and its output schemas
 * (`__schema__/v<version>/<resource>/<operation>.json`, the editor's preview before a first run).
 */
function buildNodeFiles() {
	return src(['nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json']).pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(buildIcons, buildNodeFiles);
exports['build:node-files'] = buildNodeFiles;
