/**
 * The GitHub Actions workflows, parsed: CI runs the README's commands on pull requests, and a
 * version tag lints, builds, tests and then publishes with an npm provenance statement through
 * trusted publishing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}

interface Job {
	'runs-on': string;
	container?: { image: string } | string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	strategy?: { matrix?: Record<string, unknown[]> };
	steps: Step[];
}

interface Workflow {
	name: string;
	on: Record<string, any>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

function load(file: string): Workflow {
	return parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow;
}

/** The shell commands of a job's steps, one entry per command line, in order. */
function commands(job: Job): string[] {
	return job.steps.flatMap((step) =>
		(step.run ?? '')
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line && !line.startsWith('#')),
	);
}

function needsOf(job: Job): string[] {
	return job.needs === undefined ? [] : ([] as string[]).concat(job.needs);
}

/** Every job that must finish before `name` starts, directly or not. */
function upstream(workflow: Workflow, name: string): string[] {
	const seen = new Set<string>();
	const visit = (jobName: string) => {
		for (const before of needsOf(workflow.jobs[jobName])) {
			if (!seen.has(before)) {
				seen.add(before);
				visit(before);
			}
		}
	};
	visit(name);
	return [...seen];
}

/** The Node major versions a job runs on: its container image or its setup-node step. */
function nodeVersions(job: Job): string[] {
	const matrix = (job.strategy?.matrix?.node ?? []).map(String);
	const image = typeof job.container === 'string' ? job.container : job.container?.image;
	const fromImage = image ? /^node:(.+?)-/.exec(image)?.[1] : undefined;
	const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
	const version = fromImage ?? (setup ? String(setup.with?.['node-version']) : undefined);
	if (version === undefined) return [];
	return version === '${{ matrix.node }}' ? matrix : [version];
}

/** The command lines of the README's fenced bash blocks. */
function readmeCommands(): string[] {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	return [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) =>
		m[1]
			.split('\n')
			.flatMap((line) => line.split('&&'))
			.map((line) => line.trim())
			.filter(Boolean),
	);
}

test('there are exactly the CI and release workflows', () => {
	expect(fs.readdirSync(WORKFLOWS).sort()).toEqual(['ci.yml', 'release.yml']);
});

test('every action comes from GitHub itself and is pinned to a major version', () => {
	for (const file of ['ci.yml', 'release.yml']) {
		for (const job of Object.values(load(file).jobs)) {
			for (const step of job.steps.filter((s) => s.uses)) {
				expect(step.uses).toMatch(/^actions\/(checkout|setup-node|cache)@v\d+$/);
			}
		}
	}
});

describe('CI', () => {
	const ci = load('ci.yml');

	test('runs on pull requests and on pushes to main, with read-only rights', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push).toEqual({ branches: ['main'] });
		expect(ci.permissions).toEqual({ contents: 'read' });
		for (const job of Object.values(ci.jobs)) expect(job.permissions).toBeUndefined();
	});

	test("runs the README's test command, npm ci then npm test, on Ubuntu with Node 20 and 22", () => {
		const jobs = Object.values(ci.jobs);
		expect(jobs).toHaveLength(1);
		const [job] = jobs;
		expect(job['runs-on']).toMatch(/^ubuntu-/);
		expect(nodeVersions(job).sort()).toEqual(['20', '22']);
		expect(commands(job)).toEqual(['npm ci', 'npm test']);
		// The same commands the README gives and CI's own script runs.
		expect(readmeCommands()).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
		const ciScript = fs
			.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
			.split('\n')
			.filter((line) => /^npm /.test(line));
		expect(ciScript).toEqual(['npm ci', 'npm test']);
		// The engines field allows every Node the matrix tests.
		expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node).toBe(
			'>=20.15',
		);
	});
});

describe('release', () => {
	const release = load('release.yml');
	const publishing = Object.entries(release.jobs).filter(([, job]) =>
		commands(job).some((c) => c.startsWith('npm publish')),
	);

	test('runs only for version tags, with read-only rights by default', () => {
		expect(release.on).toEqual({ push: { tags: ['v*'] } });
		expect(release.permissions).toEqual({ contents: 'read' });
	});

	test('one job publishes, with provenance and public access, as its last step', () => {
		expect(publishing).toHaveLength(1);
		const [, job] = publishing[0];
		const lines = commands(job);
		expect(lines[lines.length - 1]).toBe('npm publish --provenance --access public');
		expect(lines.filter((c) => c.startsWith('npm publish'))).toHaveLength(1);
	});

	test('only the publishing job may ask for an OIDC token (trusted publishing)', () => {
		const [name, job] = publishing[0];
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		for (const [other, otherJob] of Object.entries(release.jobs)) {
			if (other !== name) expect(otherJob.permissions?.['id-token']).toBeUndefined();
		}
	});

	test('the publishing job sets up Node for the npm registry, with an npm that can use OIDC', () => {
		const [, job] = publishing[0];
		const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
		const lines = commands(job);
		const upgrade = lines.findIndex((c) => /^npm install --global npm@\^11\.(\d+)\.\d+$/.test(c));
		expect(upgrade).toBeGreaterThanOrEqual(0);
		// npm 11.5.1 is the first release with trusted publishing.
		const [, minor, patch] = /npm@\^11\.(\d+)\.(\d+)$/.exec(lines[upgrade])!.map(Number);
		expect(minor * 1000 + patch).toBeGreaterThanOrEqual(5001);
		expect(upgrade).toBeLessThan(lines.indexOf('npm publish --provenance --access public'));
	});

	test('lint, build and the whole test suite pass before anything is published', () => {
		const [name, job] = publishing[0];
		const lines = commands(job);
		const publish = lines.indexOf('npm publish --provenance --access public');
		// In the publishing job itself: install, lint, build and the unit tests, in that order.
		const order = ['npm ci', 'npm run lint', 'npm run build', 'npm run test:unit'].map((c) =>
			lines.indexOf(c),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(order[order.length - 1]).toBeLessThan(publish);

		// A job it needs runs the full suite (end-to-end tests included) after lint and build.
		const before = upstream(release, name);
		expect(before.length).toBeGreaterThan(0);
		const full = before.filter((jobName) => commands(release.jobs[jobName]).includes('npm test'));
		expect(full).toHaveLength(1);
		const testLines = commands(release.jobs[full[0]]);
		const testOrder = ['npm ci', 'npm run lint', 'npm run build', 'npm test'].map((c) =>
			testLines.indexOf(c),
		);
		expect(testOrder.every((index) => index >= 0)).toBe(true);
		expect([...testOrder].sort((a, b) => a - b)).toEqual(testOrder);
	});

	test('every job first checks that the tag names the version in package.json', () => {
		for (const job of Object.values(release.jobs)) {
			const lines = commands(job);
			const check = lines.indexOf('node scripts/release-check.js "$GITHUB_REF_NAME"');
			expect(check).toBeGreaterThanOrEqual(0);
			expect(check).toBeLessThan(lines.indexOf('npm ci'));
		}
	});
});
