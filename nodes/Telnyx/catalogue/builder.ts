import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { isClientState } from '../engine/request';
import { waitProperties } from '../engine/wait';
import type { Choice, FieldSpec, OperationSpec, ResourceSpec } from './types';

/** Turns the catalogue into n8n properties: required fields up front, optional ones in a collection. */

/** The n8n parameter name of a field: its `param`, or its key in camelCase (`filter[occurred_at][gte]` → `filterOccurredAtGte`). */
export function paramName(field: FieldSpec): string {
	if (field.param) return field.param;
	const words = field.key.split(/[^A-Za-z0-9]+/).filter(Boolean);
	return words
		.map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1)))
		.join('');
}

/** Where the optional fields of an operation live. */
export function optionalGroup(
	operation: OperationSpec,
): 'additionalFields' | 'updateFields' | 'filters' {
	if (operation.optionalGroup) return operation.optionalGroup;
	if (operation.paginated) return 'filters';
	if (operation.value === 'update' || operation.value.startsWith('update')) return 'updateFields';
	return 'additionalFields';
}

const GROUP_LABELS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
};

export const BINARY_PROPERTY_PARAM = 'binaryPropertyName';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const byDisplayName = <T extends { displayName: string }>(a: T, b: T) =>
	a.displayName.localeCompare(b.displayName);

function choices(options: Choice[]): INodePropertyOptions[] {
	return options
		.map(({ name, value, description }) =>
			description ? { name, value, description } : { name, value },
		)
		.sort(byName);
}

function fieldProperty(field: FieldSpec): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: paramName(field),
		description: field.description,
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
		...(field.required ? { required: true } : {}),
	};
	switch (field.type) {
		case 'string': {
			const typeOptions = {
				...(field.secret ? { password: true } : {}),
				...(field.rows ? { rows: field.rows } : {}),
			};
			return {
				...base,
				type: 'string',
				default: field.default ?? '',
				...(Object.keys(typeOptions).length ? { typeOptions } : {}),
			};
		}
		case 'number':
			return {
				...base,
				type: 'number',
				default: field.default ?? field.min ?? 0,
				typeOptions: {
					...(field.min !== undefined ? { minValue: field.min } : {}),
					...(field.max !== undefined ? { maxValue: field.max } : {}),
					...(field.float ? {} : { numberPrecision: 0 }),
				},
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'options': {
			const options = choices(field.options);
			return { ...base, type: 'options', options, default: field.default ?? options[0].value };
		}
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: choices(field.options), default: [] };
		case 'json':
			return { ...base, type: 'json', default: field.shape === 'array' ? '[]' : '{}' };
		case 'list':
			return { ...base, type: 'string', default: '', hint: 'Separate several values with commas' };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'nameValue':
			return {
				...base,
				type: 'fixedCollection',
				placeholder: field.placeholder ?? 'Add Header',
				default: {},
				typeOptions: { multipleValues: true },
				options: [
					{
						displayName: 'Value',
						name: 'values',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			};
	}
}

function operationProperties(resource: ResourceSpec, operation: OperationSpec): INodeProperties[] {
	const show = {
		displayOptions: { show: { resource: [resource.value], operation: [operation.value] } },
	};
	const required = operation.fields.filter((field) => field.required);
	const optional = operation.fields.filter((field) => !field.required);
	const properties: INodeProperties[] = required.map((field) => ({
		...fieldProperty(field),
		...show,
	}));

	if (operation.paginated) {
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				...show,
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1 },
				description: 'Max number of results to return',
				displayOptions: { show: { ...show.displayOptions.show, returnAll: [false] } },
			},
		);
	}

	if (operation.binaryResponse) {
		properties.push({
			displayName: 'Put Output File in Field',
			name: BINARY_PROPERTY_PARAM,
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
			...show,
		});
	}

	properties.push(...waitProperties(resource.value, operation));

	if (optional.length) {
		const group = optionalGroup(operation);
		properties.push({
			...GROUP_LABELS[group],
			name: group,
			type: 'collection',
			default: {},
			options: optional.map(fieldProperty).sort(byDisplayName),
			...show,
		});
	}

	const hasClientState = operation.fields.some(isClientState);
	const requestOptions: INodeProperties[] = [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			description:
				'How often to retry after a rate limit, a server error or a network error. Only requests that are safe to repeat are retried.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			default: 30000,
			typeOptions: { minValue: 1000, numberPrecision: 0 },
			description: 'Milliseconds to wait for Telnyx before an attempt counts as failed',
		},
	];
	if (hasClientState) {
		requestOptions.push({
			displayName: 'Client State Is Base64',
			name: 'clientStateEncoded',
			type: 'boolean',
			default: false,
			description: 'Whether the client state is already Base64-encoded and is sent unchanged',
		});
	}
	properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: requestOptions.sort(byDisplayName),
		...show,
	});
	return properties;
}

export function buildProperties(catalogue: ResourceSpec[]): INodeProperties[] {
	const firstResource = catalogue[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: catalogue.map(({ name, value }) => ({ name, value })).sort(byName),
			default: firstResource,
		},
	];
	for (const resource of catalogue) {
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map(({ name, value, action, description }) => ({ name, value, action, description }))
				.sort(byName),
			default: firstOperation,
		});
	}
	for (const resource of catalogue) {
		for (const operation of resource.operations) {
			properties.push(...operationProperties(resource, operation));
		}
	}
	return properties;
}
