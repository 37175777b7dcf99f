import type { IDataObject } from 'n8n-workflow';

/**
 * The cheapest expressions, read without n8n's expression engine: reads of the input item's
 * JSON joined by `??`, as in the node's own defaults, `={{ $json.payload?.call_control_id ??
 * $json.call_control_id }}`. n8n evaluates an expression in a sandbox, which costs about a
 * millisecond per item; a property read costs nothing. Anything the reader is not sure to answer
 * exactly as n8n would (a value that is not text, a number or a boolean, a missing value, a step
 * into something that is not a plain object) is left to n8n.
 */

interface Step {
	key: string;
	/** `?.`: a missing object ends the whole chain with undefined instead of an error. */
	optional: boolean;
}

export type ItemRead = Step[][];

const NAME = '[A-Za-z_$][\\w$]*';
const PATH = `\\$json(?:\\??\\.${NAME})+`;
const WHOLE = new RegExp(`^=\\{\\{\\s*(${PATH}(?:\\s*\\?\\?\\s*${PATH})*)\\s*\\}\\}$`);
const STEP = new RegExp(`(\\??)\\.(${NAME})`, 'g');

/** The paths of an expression made only of `$json` reads joined by `??`; undefined for any other value. */
export function compileItemRead(raw: unknown): ItemRead | undefined {
	if (typeof raw !== 'string') return undefined;
	const whole = WHOLE.exec(raw);
	if (!whole) return undefined;
	return whole[1].split('??').map((path) =>
		[...path.trim().slice('$json'.length).matchAll(STEP)].map(([, optional, key]) => ({
			key,
			optional: optional === '?',
		})),
	);
}

function isPlainObject(value: unknown): value is IDataObject {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

const UNSURE = Symbol('unsure');

function readPath(json: unknown, steps: Step[]): unknown {
	let current = json;
	for (const { key, optional } of steps) {
		if (current === undefined || current === null) return optional ? undefined : UNSURE;
		if (!isPlainObject(current)) return UNSURE;
		if (!Object.prototype.hasOwnProperty.call(current, key))
			return key in current ? UNSURE : undefined;
		current = current[key];
	}
	return current;
}

/**
 * The value of the expression for one item's JSON, as `{ value }`; undefined when n8n must
 * evaluate it (see the top of this file).
 */
export function readItem(
	json: unknown,
	read: ItemRead,
): { value: string | number | boolean } | undefined {
	for (const steps of read) {
		const value = readPath(json, steps);
		if (value === UNSURE) return undefined;
		if (value === undefined || value === null) continue;
		return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
			? { value }
			: undefined;
	}
	return undefined;
}
