import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { CUSTOM_CHOICE, customField, isLocatorValue, locatorValue } from '../catalogue/fields';
import type { FieldLocation, FieldSpec, OperationSpec } from '../catalogue/types';
import { encodeClientState } from './clientState';
import { formatProblem } from './validate';

/**
 * Turns one item's field values into a Telnyx request. Pure: values in, request or a field
 * error out. Behaviour that several operations share hangs on the field key here
 * (`client_state`, `command_id`), never on a copy per operation.
 */

/** Stops planning with a reason that names the field; the executor turns it into a NodeOperationError. */
export type FieldFailure = (field: FieldSpec, reason: string) => never;

/** The message shown for an invalid field. */
export function fieldMessage(field: FieldSpec, reason: string): string {
	return `The "${field.displayName}" field ${reason}`;
}

export interface PlannedRequest {
	method: IHttpRequestMethods;
	path: string;
	qs: IDataObject;
	body: IDataObject;
	/** The value that orders commands: the first path parameter, e.g. the call control ID. */
	orderKey?: string;
}

export interface PlanContext {
	/** Called with the field and the reason when a value is invalid. Must throw. */
	fail: FieldFailure;
	/** Whether `client_state` is already Base64. */
	clientStateEncoded: boolean;
	/** Makes the command ID of this item when the user gave none. */
	commandId: () => string;
}

export function locationOf(field: FieldSpec, operation: OperationSpec): FieldLocation {
	if (field.in) return field.in;
	if (operation.path.includes(`{${field.key}}`)) return 'path';
	return operation.method === 'GET' || operation.method === 'DELETE' ? 'query' : 'body';
}

function isUnset(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function checkFormat(
	field: FieldSpec & { format?: Parameters<typeof formatProblem>[0] },
	value: string,
	fail: FieldFailure,
) {
	if (!field.format) return;
	const problem = formatProblem(field.format, value);
	if (problem) return fail(field, `${problem}, not "${value}"`);
}

function parseJson(
	field: FieldSpec & { shape: 'object' | 'array' },
	value: unknown,
	fail: FieldFailure,
): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return fail(field, `is not valid JSON (${(error as Error).message})`);
		}
	}
	const isArray = Array.isArray(parsed);
	const ok =
		field.shape === 'array' ? isArray : parsed !== null && typeof parsed === 'object' && !isArray;
	if (!ok) return fail(field, `must be a JSON ${field.shape}`);
	return parsed;
}

function toList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : String(value).split(',');
	return raw.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** Converts and checks one value. Returns undefined when the value counts as not set. */
function convert(field: FieldSpec, value: unknown, fail: FieldFailure): unknown {
	switch (field.type) {
		case 'string': {
			const text = typeof value === 'string' ? value : String(value);
			if (field.format || field.locator || locationIsId(field)) {
				const trimmed = text.trim();
				checkFormat(field, trimmed, fail);
				return trimmed;
			}
			if (field.numeric && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text.trim());
			return text;
		}
		case 'number': {
			const number = typeof value === 'number' ? value : Number(value);
			if (!Number.isFinite(number)) return fail(field, `must be a number, not "${value}"`);
			if (!field.float && !Number.isInteger(number))
				return fail(field, `must be a whole number, not ${number}`);
			if (field.min !== undefined && number < field.min)
				return fail(field, `must be at least ${field.min}, not ${number}`);
			if (field.max !== undefined && number > field.max)
				return fail(field, `must be at most ${field.max}, not ${number}`);
			return number;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			return fail(field, `must be true or false, not "${value}"`);
		case 'options': {
			if (field.custom) return String(value).trim() || undefined;
			const allowed = field.options.map((option) => option.value);
			if (field.search && !allowed.includes(String(value).trim()))
				return fail(field, `must be one of the codes in its list, not "${value}"`);
			if (field.search) return String(value).trim();
			if (!allowed.includes(value as string | number))
				return fail(field, `must be one of ${allowed.join(', ')}, not "${value}"`);
			return value;
		}
		case 'multiOptions': {
			const list = Array.isArray(value) ? value : toList(value);
			const allowed = field.options.map((option) => option.value);
			const wrong = list.filter((entry) => !allowed.includes(entry as string | number));
			if (wrong.length) return fail(field, `has unknown values: ${wrong.join(', ')}`);
			return list.length ? list : undefined;
		}
		case 'json': {
			const parsed = parseJson(field, value, fail);
			if (field.required && Object.keys(parsed as object).length === 0)
				return fail(field, 'is empty');
			return parsed;
		}
		case 'list': {
			const list = toList(value);
			for (const entry of list) checkFormat(field, entry, fail);
			if (list.length === 0) return undefined;
			return field.oneOrMany && list.length === 1 ? list[0] : list;
		}
		case 'nameValue': {
			const rows = (value as { values?: Array<{ name?: string; value?: string }> }).values ?? [];
			const pairs = rows
				.filter((row) => row.name && row.name.trim() !== '')
				.map((row) => ({ name: row.name!.trim(), value: row.value ?? '' }));
			return pairs.length ? pairs : undefined;
		}
		case 'listMap': {
			const rows = (value as { entries?: Array<{ name?: string; list?: unknown }> }).entries ?? [];
			const map: IDataObject = {};
			for (const row of rows) {
				const name = (row.name ?? '').trim();
				if (!name) continue;
				const list = toList(row.list ?? '');
				for (const entry of list) checkFormat(field, entry, fail);
				const values = field.numbers
					? list.map((entry) => {
							const number = Number(entry);
							if (!Number.isInteger(number) || number < 0)
								return fail(field, `must list whole numbers for "${name}", not "${entry}"`);
							return number;
						})
					: list;
				map[name] = field.wrap ? { [field.wrap]: values } : values;
			}
			return Object.keys(map).length ? map : undefined;
		}
		case 'dateTime': {
			const time = Date.parse(String(value));
			if (Number.isNaN(time)) return fail(field, `must be a date and time, not "${value}"`);
			return new Date(time).toISOString();
		}
	}
}

/** Path parameters are identifiers: trimmed, and never empty. */
function locationIsId(field: FieldSpec): boolean {
	return field.in === 'path';
}

function setPath(target: IDataObject, dotted: string, value: unknown) {
	const keys = dotted.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		node[key] = (node[key] as IDataObject | undefined) ?? {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject[string];
}

/** `client_state` and its kin (`target_leg_client_state`) travel as Base64. */
export function isClientState(field: FieldSpec): boolean {
	return field.type === 'string' && /(^|_)client_state$/.test(field.key);
}

/** A field's value as the user set it: the text behind "Custom", the ID inside a locator. */
function rawValue(field: FieldSpec, valueOf: (field: FieldSpec) => unknown, fail: FieldFailure) {
	let raw = valueOf(field);
	if (field.type === 'options' && field.custom && raw === CUSTOM_CHOICE) {
		const custom = customField(field);
		raw = valueOf(custom);
		if (field.required && isUnset(raw)) return fail(custom, 'is empty');
	}
	if (isLocatorValue(raw)) {
		const value = locatorValue(field, raw);
		if (value === undefined)
			return fail(field, `must be a Telnyx portal link that contains the ID, not "${raw.value}"`);
		return value;
	}
	return raw;
}

/** What planning needs to know about a field, worked out once per operation. */
export interface PlannedField {
	field: FieldSpec;
	where: FieldLocation;
	/** The field as its values are checked: path parameters are identifiers. */
	checked: FieldSpec;
	clientState: boolean;
	/** A `command_id` in the body: derived when the user leaves it empty. */
	derivedCommandId: boolean;
}

const plannedFields = new WeakMap<OperationSpec, PlannedField[]>();

/** The fields of an operation with their location and roles, computed once per operation. */
export function planFields(operation: OperationSpec): PlannedField[] {
	let fields = plannedFields.get(operation);
	if (!fields) {
		fields = operation.fields.map((field) => {
			const where = locationOf(field, operation);
			return {
				field,
				where,
				checked: where === 'path' ? { ...field, in: 'path' as const } : field,
				clientState: isClientState(field),
				derivedCommandId: field.key === 'command_id' && where === 'body',
			};
		});
		plannedFields.set(operation, fields);
	}
	return fields;
}

/**
 * Builds the request of one item. `valueOf` returns the raw parameter value of a field, or
 * undefined when the user did not set it.
 */
export function planRequest(
	operation: OperationSpec,
	valueOf: (field: FieldSpec) => unknown,
	context: PlanContext,
): PlannedRequest {
	const { fail } = context;
	let path = operation.path;
	let orderKey: string | undefined;
	const qs: IDataObject = {};
	const body: IDataObject = {};

	for (const { field, where, checked, clientState, derivedCommandId } of planFields(operation)) {
		const raw = rawValue(field, valueOf, fail);
		let value = isUnset(raw) ? undefined : convert(checked, raw, fail);

		if (clientState && value !== undefined) {
			const encoded = encodeClientState(raw, context.clientStateEncoded);
			if (!encoded.ok) return fail(field, encoded.reason);
			value = encoded.value;
		}
		if (derivedCommandId && value === undefined) {
			value = context.commandId();
		}
		if (value === undefined) {
			if (field.required || where === 'path') return fail(field, 'is empty');
			continue;
		}

		if (where === 'path') {
			orderKey ??= String(value);
			path = path.replace(`{${field.key}}`, encodeURIComponent(String(value)));
		} else if (where === 'query') {
			qs[field.key] = Array.isArray(value) ? value.join(',') : (value as IDataObject[string]);
		} else {
			setPath(body, field.key, value);
		}
	}
	return { method: operation.method, path, qs, body, orderKey };
}
