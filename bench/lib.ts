/**
 * Small shared helpers for the benches: config from argv/env, statistics, a plain text table.
 * Benches print ratios measured in one run; nothing here asserts on time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The project root: the nearest folder above `from` with this pack's package.json. */
export function projectRoot(from = __dirname): string {
	for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
		const pkg = path.join(dir, 'package.json');
		if (fs.existsSync(pkg)) {
			try {
				if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'n8n-nodes-telnyx-call-control')
					return dir;
			} catch {
				// keep looking
			}
		}
		if (path.dirname(dir) === dir) throw new Error(`No project root above ${from}`);
	}
}

/**
 * A positive integer setting: `--name=value` on the command line wins over the environment
 * variable `env`, which wins over `fallback`.
 */
export function intSetting(name: string, env: string, fallback: number): number {
	const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	const raw = flag ? flag.slice(name.length + 3) : process.env[env];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`--${name} / ${env} must be a whole number, got "${raw}"`);
	return value;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function fixed(value: number, digits = 1): string {
	return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** Left-aligns the first column and right-aligns the others. */
export function table(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) =>
				column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
			)
			.join('  ');
	return [
		line(header),
		widths.map((width) => '-'.repeat(width)).join('  '),
		...rows.map(line),
	].join('\n');
}
