/**
 * package.json as n8n's verification and npm's provenance need it, the changelog's format, and
 * the release check that ties a version tag to both.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
const { releaseProblems, SEMVER } = require('../../../scripts/release-check') as {
	releaseProblems(input: { tag: string; version: string; changelog: string }): string[];
	SEMVER: RegExp;
};

const REPOSITORY = 'https://github.com/n8n-nodes-telnyx-call-control/n8n-nodes-telnyx-call-control';

describe('package.json', () => {
	test('names the GitHub repository the release workflow publishes from', () => {
		// npm checks the provenance statement against this URL, and n8n's scanner fetches the
		// sources from the repository the statement names.
		expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
		expect(manifest.homepage).toBe(REPOSITORY);
		expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
	});

	test('has the project itself as author', () => {
		expect(manifest.author.name).toBe(manifest.name);
		expect(manifest.author.url).toBe('https://github.com/n8n-nodes-telnyx-call-control');
		// n8n's scanner requires an email: the GitHub account's no-reply address, not a person.
		expect(manifest.author.email).toBe(`${manifest.name}@users.noreply.github.com`);
	});

	test('keeps the keywords and the n8n section community packages need', () => {
		expect(manifest.keywords).toEqual(
			expect.arrayContaining(['n8n-community-node-package', 'n8n', 'telnyx']),
		);
		expect(manifest.n8n).toEqual({
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: ['dist/credentials/TelnyxApi.credentials.js'],
			nodes: expect.arrayContaining([
				'dist/nodes/Telnyx/Telnyx.node.js',
				'dist/nodes/TelnyxTrigger/TelnyxTrigger.node.js',
			]),
		});
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.dependencies).toBeUndefined();
	});

	test('has a semantic version', () => {
		expect(manifest.version).toMatch(SEMVER);
	});
});

describe('CHANGELOG.md', () => {
	const headings = [...changelog.matchAll(/^## (.*)$/gm)].map((m) => m[1]);

	test('follows Keep a Changelog: Unreleased first, then dated versions, newest first', () => {
		expect(changelog).toMatch(/^# Changelog\n/);
		expect(changelog).toContain('https://keepachangelog.com/');
		expect(changelog).toContain('https://semver.org/');
		expect(headings[0]).toBe('[Unreleased]');
		const versions = headings.slice(1).map((heading) => {
			const match = /^\[(.+)\] - (\d{4}-\d{2}-\d{2})$/.exec(heading);
			expect(match).not.toBeNull();
			expect(match![1]).toMatch(SEMVER);
			return match![2];
		});
		expect([...versions].sort().reverse()).toEqual(versions);
	});

	test('groups entries under the standard kinds of change', () => {
		const kinds = [...changelog.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
		expect(kinds.length).toBeGreaterThan(0);
		for (const kind of kinds)
			expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(kind);
	});
});

describe('release check', () => {
	const released = (version: string, date = '2026-12-01') =>
		`# Changelog\n\n## [Unreleased]\n\n## [${version}] - ${date}\n\n### Added\n\n- Something.\n`;

	test('accepts a tag that names the version, with a dated changelog section', () => {
		expect(
			releaseProblems({ tag: 'v1.2.3', version: '1.2.3', changelog: released('1.2.3') }),
		).toEqual([]);
		expect(
			releaseProblems({
				tag: 'v1.0.0-rc.1',
				version: '1.0.0-rc.1',
				changelog: released('1.0.0-rc.1'),
			}),
		).toEqual([]);
	});

	test('refuses a tag for another version', () => {
		expect(
			releaseProblems({ tag: 'v1.2.4', version: '1.2.3', changelog: released('1.2.3') }),
		).toEqual([expect.stringContaining('does not match package.json version "1.2.3"')]);
	});

	test('refuses a version without its changelog section, or with an undated one', () => {
		expect(
			releaseProblems({ tag: 'v1.2.3', version: '1.2.3', changelog: released('1.2.2') }),
		).toEqual([expect.stringContaining('no section "## [1.2.3] - YYYY-MM-DD"')]);
		expect(
			releaseProblems({
				tag: 'v1.2.3',
				version: '1.2.3',
				changelog: '## [Unreleased]\n\n## [1.2.3]\n',
			}),
		).toEqual([expect.stringContaining('no section')]);
		expect(
			releaseProblems({
				tag: 'v1.2.3',
				version: '1.2.3',
				changelog: released('1.2.3', '2026-13-45'),
			}),
		).toEqual([expect.stringContaining('not a date')]);
		// "1.2.3" must not match a section for "1.2.30" or "1x2x3".
		expect(
			releaseProblems({ tag: 'v1.2.3', version: '1.2.3', changelog: released('1x2x3') }),
		).toHaveLength(1);
	});

	test('refuses a version that is not semantic', () => {
		expect(releaseProblems({ tag: 'v1.2', version: '1.2', changelog: released('1.2') })).toEqual([
			expect.stringContaining('not a semantic version'),
		]);
	});
});
