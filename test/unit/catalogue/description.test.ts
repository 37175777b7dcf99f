/**
 * The description n8n sends to the editor: small, built once, and showing every operation
 * exactly the fields it would show if each operation had its own copy of every property.
 */
import {
	NodeHelpers,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeProperties,
} from 'n8n-workflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { customField, CUSTOM_CHOICE } from '../../../nodes/Telnyx/catalogue/fields';
import {
	operationItems,
	optionalGroup,
	parameterPath,
	paramName,
} from '../../../nodes/Telnyx/catalogue/builder';
import type { FieldSpec, OperationSpec } from '../../../nodes/Telnyx/catalogue/types';
import { waitProperties } from '../../../nodes/Telnyx/engine/wait';
import { shownFields } from './shown';

const node = new Telnyx();
const { description } = node;

const operations = catalogue.flatMap((resource) =>
	resource.operations.map((operation) => ({ resource: resource.value, operation })),
);

/** What one operation showed before properties were shared: its own list, collections opened. */
function ownFields(operation: OperationSpec): Array<[string, INodeProperties]> {
	const out: Array<[string, INodeProperties]> = [];
	for (const { property, children } of operationItems(operation)) {
		if (!children) {
			out.push([property.name, property]);
			continue;
		}
		out.push([property.name, { ...property, options: [] }]);
		const open = (list: INodeProperties[], prefix: string) => {
			for (const child of list) {
				if (child.type !== 'collection') {
					out.push([`${prefix}.${child.name}`, child]);
					continue;
				}
				out.push([`${prefix}.${child.name}`, { ...child, options: [] }]);
				open(child.options as INodeProperties[], `${prefix}.${child.name}`);
			}
		};
		open(children, property.name);
	}
	return out;
}

/** The parameter paths the catalogue says an operation has. */
function catalogueParams(operation: OperationSpec): string[] {
	const paths = new Set<string>();
	const add = (field: FieldSpec) => {
		const path = parameterPath(operation, field);
		for (let i = 1; i <= path.length; i++) paths.add(path.slice(0, i).join('.'));
	};
	for (const field of operation.fields) {
		add(field);
		if (field.type === 'options' && field.custom) add(customField(field));
	}
	if (operation.paginated) paths.add('returnAll').add('limit');
	if (operation.binaryResponse) paths.add('binaryPropertyName');
	for (const property of waitProperties(operation)) paths.add(property.name);
	if (operation.fileUpload) paths.add('fileSource').add('inputDataFieldName');
	for (const option of ['maxInFlight', 'maxRetries', 'timeout']) paths.add(`options.${option}`);
	if (operation.fields.some((field) => /(^|_)client_state$/.test(field.key)))
		paths.add('options.clientStateEncoded');
	paths.add('options');
	return [...paths].sort();
}

/** A choice that differs from the field's default (n8n drops top-level values equal to it). */
function notDefault(values: Array<string | number>, fallback?: string | number) {
	const sorted = [...values].sort((a, b) => String(a).localeCompare(String(b)));
	return values.find((value) => value !== (fallback ?? sorted[0])) ?? values[0];
}

describe('the node description', () => {
	test('stays under 149,000 bytes as JSON (n8n serves it with about 1 KB more, and the goal is 150,000)', () => {
		// 331,000 bytes when every operation carried its own copy of every property.
		const size = Buffer.byteLength(JSON.stringify(description));
		expect(size).toBeLessThanOrEqual(149_000);
	});

	test('is built once per process: instances share the property objects', () => {
		const other = new Telnyx();
		expect(other.description.properties).not.toBe(description.properties);
		expect(other.description.properties).toEqual(description.properties);
		expect(other.description.properties[5]).toBe(description.properties[5]);
	});

	test.each(
		operations.map(({ resource, operation }) => [
			`${resource}.${operation.value}`,
			resource,
			operation,
		]),
	)(
		'%s shows exactly the fields of its own property list, in the same order',
		(_label, resource, operation) => {
			const shown = shownFields(description, resource, operation.value);
			// Children of a collection are listed by display name in both.
			const sort = (list: Array<[string, INodeProperties]>) =>
				JSON.parse(JSON.stringify(list)) as unknown;
			expect(sort(shown)).toEqual(sort(ownFields(operation)));
		},
	);

	test.each(
		operations.map(({ resource, operation }) => [
			`${resource}.${operation.value}`,
			resource,
			operation,
		]),
	)(
		'%s shows one parameter for every catalogue field, and nothing else',
		(_label, resource, operation) => {
			const shown = shownFields(description, resource, operation.value).map(([path]) => path);
			expect(new Set(shown).size).toBe(shown.length);
			expect(shown.sort()).toEqual(catalogueParams(operation));
		},
	);

	test.each(
		operations.map(({ resource, operation }) => [
			`${resource}.${operation.value}`,
			resource,
			operation,
		]),
	)(
		"%s: n8n's own parameter resolution keeps every value the user set",
		(_label, resource, operation) => {
			const values: IDataObject = { resource, operation: operation.value };
			const set = (path: string[], value: unknown) => {
				let at = values;
				for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as IDataObject;
				at[path[path.length - 1]] = value as IDataObject[string];
			};
			for (const field of operation.fields) {
				const value =
					field.type === 'string' && field.locator
						? { __rl: true, mode: 'id', value: 'x-1' }
						: field.type === 'options'
							? field.custom
								? CUSTOM_CHOICE
								: notDefault(
										field.options.map((option) => option.value),
										field.default,
									)
							: field.type === 'boolean'
								? true
								: field.type === 'number'
									? (field.min ?? 0) + 1
									: field.type === 'multiOptions'
										? [field.options[0].value]
										: field.type === 'nameValue'
											? { values: [{ name: 'X-A', value: '1' }] }
											: field.type === 'listMap'
												? { entries: [{ name: 'call.hangup', list: '1' }] }
												: 'v';
				set(parameterPath(operation, field), value);
				if (field.type === 'options' && field.custom)
					set(parameterPath(operation, customField(field)), 'Custom.Voice');
			}
			const kept = NodeHelpers.getNodeParameters(
				description.properties,
				values as INodeParameters,
				false,
				false,
				{ typeVersion: 1, parameters: values } as unknown as INode,
				description,
			);
			// Defaults are dropped when not returning defaults; everything the user set stays.
			for (const field of operation.fields) {
				const path = parameterPath(operation, field);
				let expected: unknown = values;
				let actual: unknown = kept;
				for (const key of path) {
					expected = (expected as IDataObject)[key];
					actual = (actual as IDataObject | undefined)?.[key];
				}
				expect([path.join('.'), actual]).toEqual([path.join('.'), expected]);
			}
			expect(Object.keys((kept?.[optionalGroup(operation)] as IDataObject) ?? {}).sort()).toEqual(
				[
					...new Set(
						operation.fields
							.filter((field) => !field.required)
							.map((field) => field.section?.param ?? paramName(field)),
					),
				].sort(),
			);
		},
	);
});
