const { src, dest } = require('gulp');

/** Copies the node and credential icons next to the compiled code. */
function buildIcons() {
	return src('icons/**/*.{png,svg}').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
