/**
 * What `npm publish` would ship, and n8n's community package scan of it.
 *
 * The package must carry what n8n loads (every file of the `n8n` section, the icons the nodes
 * and the credential name, the codex files) and nothing it does not run (source maps, type
 * declarations, TypeScript sources). `@n8n/scan-community-package` must find no error in the
 * sources nor in the packed tarball, as it would before n8n verifies the pack.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { ROOT, ensureBuilt } = require('../../harness/build') as {
	ROOT: string;
	ensureBuilt(label: string): boolean;
};

jest.setTimeout(300_000);

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const listed: string[] = [...manifest.n8n.nodes, ...manifest.n8n.credentials];

/** Files npm always adds to a package, whatever `files` says. */
const ALWAYS_PACKED = ['LICENSE', 'README.md', 'package.json'];

interface PackEntry {
	path: string;
	size: number;
}

function npm(args: string[]): string {
	const result = spawnSync(NPM, args, { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
	return result.stdout;
}

/** The codex files in the sources: nodes/<Node>/<Node>.node.json. */
function sourceCodexFiles(): string[] {
	const nodesDir = path.join(ROOT, 'nodes');
	return fs
		.readdirSync(nodesDir)
		.flatMap((dir) =>
			fs.existsSync(path.join(nodesDir, dir)) && fs.statSync(path.join(nodesDir, dir)).isDirectory()
				? fs
						.readdirSync(path.join(nodesDir, dir))
						.filter((file) => file.endsWith('.node.json'))
						.map((file) => `nodes/${dir}/${file}`)
				: [],
		)
		.sort();
}

/** The `file:` icons a built node or credential class names, as paths inside the package. */
function iconFiles(builtFile: string): string[] {
	const exported = require(path.join(ROOT, builtFile)) as Record<string, new () => any>;
	const classes = Object.values(exported).filter((value) => typeof value === 'function');
	expect(classes).toHaveLength(1);
	const instance = new classes[0]();
	const icon = instance.description?.icon ?? instance.icon;
	const icons: string[] = typeof icon === 'string' ? [icon] : Object.values(icon ?? {});
	expect(icons.length).toBeGreaterThan(0);
	return icons.map((value) => {
		expect(value).toMatch(/^file:/);
		return path.posix.normalize(
			path.posix.join(path.posix.dirname(builtFile), value.replace(/^file:/, '')),
		);
	});
}

let files: string[] = [];

beforeAll(() => {
	ensureBuilt('package');
	const [info] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'])) as Array<{
		name: string;
		files: PackEntry[];
	}>;
	expect(info.name).toBe(manifest.name);
	files = info.files.map((f) => f.path).sort();
});

describe('npm pack', () => {
	test('ships no source maps, type declarations or TypeScript sources', () => {
		expect(files.length).toBeGreaterThan(listed.length);
		expect(files.filter((f) => /\.(map|ts|tsx|mts|cts)$/.test(f))).toEqual([]);
	});

	test('ships only compiled code, codex files, output schemas and icons under dist/, besides the files npm always adds', () => {
		const unexpected = files.filter(
			(f) =>
				!ALWAYS_PACKED.includes(f) &&
				!/^dist\/.+\.(js|node\.json|svg|png)$/.test(f) &&
				!/^dist\/nodes\/\w+\/__schema__\/v\d+\.\d+\.\d+\/[\w/]+\.json$/.test(f),
		);
		expect(unexpected).toEqual([]);
		// Nothing outside nodes/, credentials/ and icons/ is compiled into dist/ (no tests,
		// benches or scripts).
		expect(
			files.filter((f) => f.startsWith('dist/') && !/^dist\/(nodes|credentials|icons)\//.test(f)),
		).toEqual([]);
	});

	test('ships every node and credential file of the n8n section', () => {
		expect(listed.length).toBeGreaterThanOrEqual(3);
		expect(files).toEqual(expect.arrayContaining(listed));
	});

	test('ships each codex file beside its node, unchanged', () => {
		const codex = sourceCodexFiles();
		// One codex file per node listed in the n8n section.
		expect(codex.map((f) => `dist/${f.replace(/\.json$/, '.js')}`).sort()).toEqual(
			[...manifest.n8n.nodes].sort(),
		);
		for (const file of codex) {
			expect(files).toContain(`dist/${file}`);
			expect(fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8')).toBe(
				fs.readFileSync(path.join(ROOT, file), 'utf8'),
			);
		}
	});

	test('ships every output schema beside its node, unchanged', () => {
		const schemas = fs
			.readdirSync(path.join(ROOT, 'nodes'), { recursive: true, encoding: 'utf8' })
			.filter((file) => file.split(path.sep).includes('__schema__') && file.endsWith('.json'))
			.map((file) => `nodes/${file.split(path.sep).join('/')}`);
		expect(schemas.length).toBeGreaterThan(100);
		for (const file of schemas) {
			expect(files).toContain(`dist/${file}`);
			expect(fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8')).toBe(
				fs.readFileSync(path.join(ROOT, file), 'utf8'),
			);
		}
	});

	test('ships the icons each node and the credential point to', () => {
		const icons = new Set(listed.flatMap(iconFiles));
		expect(icons.size).toBeGreaterThanOrEqual(2);
		for (const icon of icons) expect(files).toContain(icon);
	});
});

describe('@n8n/scan-community-package', () => {
	interface Leg {
		leg: 'source' | 'package';
		path: string;
		files: string[];
		passed: boolean;
		message?: string;
		details?: string;
	}
	let scratch = '';

	beforeAll(() => {
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-scan-'));
	});

	afterAll(() => {
		if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
	});

	test('finds no error in the sources nor in the packed tarball, and does fail a broken copy', () => {
		const [packed] = JSON.parse(
			npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch]),
		) as Array<{ filename: string; files: PackEntry[] }>;
		const tarball = path.join(scratch, packed.filename);
		// The tarball holds what the dry run listed.
		const entries = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
			.stdout.split('\n')
			.filter((line) => line && !line.endsWith('/'))
			.map((line) => line.replace(/^package\//, ''))
			.sort();
		expect(entries).toEqual(files);

		// A copy of the package with two faults the scanner must report: a runtime dependency
		// and a timer in node code. It proves the scan really lints the files it is given.
		const broken = path.join(scratch, 'broken');
		fs.mkdirSync(broken);
		expect(spawnSync('tar', ['-xzf', tarball, '-C', broken, '--strip-components=1']).status).toBe(
			0,
		);
		const brokenManifest = JSON.parse(fs.readFileSync(path.join(broken, 'package.json'), 'utf8'));
		brokenManifest.dependencies = { 'left-pad': '1.3.0' };
		fs.writeFileSync(path.join(broken, 'package.json'), JSON.stringify(brokenManifest, null, 2));
		fs.appendFileSync(path.join(broken, listed[0]), '\nsetTimeout(() => undefined, 10);\n');

		const run = spawnSync(
			process.execPath,
			[
				path.join(ROOT, 'scripts', 'scan-community.mjs'),
				'--source',
				ROOT,
				'--package',
				tarball,
				'--package',
				broken,
			],
			{ cwd: ROOT, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
		);
		if (!run.stdout)
			throw new Error(`the scan printed nothing (exit ${run.status}):\n${run.stderr}`);
		const report = JSON.parse(run.stdout) as { passed: boolean; legs: Leg[] };
		const [source, pack, faulty] = report.legs;

		// Source leg: package.json and the node and credential sources, codex files included.
		expect(source.leg).toBe('source');
		expect(source.files).toEqual(
			expect.arrayContaining([
				'package.json',
				'nodes/Telnyx/Telnyx.node.ts',
				'nodes/TelnyxTrigger/TelnyxTrigger.node.ts',
				'credentials/TelnyxApi.credentials.ts',
				...sourceCodexFiles(),
			]),
		);
		expect({ passed: source.passed, details: source.details }).toEqual({
			passed: true,
			details: undefined,
		});

		// Tarball leg: its package.json and every compiled file.
		expect(pack.leg).toBe('package');
		expect(pack.files).toEqual([...files.filter((f) => f.endsWith('.js')), 'package.json'].sort());
		expect({ passed: pack.passed, details: pack.details }).toEqual({
			passed: true,
			details: undefined,
		});

		expect(faulty.passed).toBe(false);
		expect(faulty.details).toContain('@n8n/community-nodes/no-runtime-dependencies');
		expect(faulty.details).toContain('@n8n/community-nodes/no-restricted-globals');
		expect(report.passed).toBe(false);
		expect(run.status).toBe(1);
	});
});
