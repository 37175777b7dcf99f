#!/usr/bin/env node
'use strict';
/**
 * Before a release is published: the pushed tag must name the version in package.json, and
 * CHANGELOG.md must have a dated section for that version.
 *
 *   node scripts/release-check.js v1.2.3
 *
 * Exits 1 and lists the problems otherwise. The release workflow runs it first.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** Semantic versioning 2.0.0: MAJOR.MINOR.PATCH, an optional pre-release and build metadata. */
const SEMVER =
	/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The problems that stop a release of `version` from tag `tag`; empty when there are none. */
function releaseProblems({ tag, version, changelog }) {
	const problems = [];
	if (!SEMVER.test(version ?? '')) {
		problems.push(
			`package.json version "${version}" is not a semantic version (MAJOR.MINOR.PATCH)`,
		);
	}
	if (tag !== `v${version}`) {
		problems.push(
			`tag "${tag}" does not match package.json version "${version}" (expected "v${version}")`,
		);
	}
	const heading = new RegExp(
		`^## \\[${escapeRegExp(version ?? '')}\\] - (\\d{4}-\\d{2}-\\d{2})\\s*$`,
		'm',
	);
	const match = heading.exec(changelog ?? '');
	if (!match) {
		problems.push(
			`CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD": move the Unreleased entries under the new version`,
		);
	} else if (Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) {
		problems.push(`CHANGELOG.md dates version ${version} with "${match[1]}", which is not a date`);
	}
	return problems;
}

module.exports = { releaseProblems, SEMVER };

if (require.main === module) {
	const tag = process.argv[2] ?? process.env.GITHUB_REF_NAME ?? '';
	const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const changelogFile = path.join(ROOT, 'CHANGELOG.md');
	const changelog = fs.existsSync(changelogFile) ? fs.readFileSync(changelogFile, 'utf8') : '';
	const problems = releaseProblems({ tag, version, changelog });
	if (problems.length > 0) {
		for (const problem of problems) process.stderr.write(`release-check: ${problem}\n`);
		process.exit(1);
	}
	process.stdout.write(`release-check: ${tag} matches package.json and CHANGELOG.md\n`);
}
