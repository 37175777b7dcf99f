import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
	NodeParameterValue,
} from 'n8n-workflow';
import { isClientState } from '../engine/request';
import { CUSTOM_CHOICE, customField } from './fields';
import type { Choice, FieldSpec, OperationSpec, ResourceSpec, Section, StringField } from './types';

/**
 * Turns the catalogue into n8n properties: required fields up front, optional ones in a
 * collection. A property that several operations show in the same form is emitted once, with
 * all of them in its display conditions, so the description n8n sends to the editor stays small.
 */

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

/** Where the value of a field lives among the node's parameters, e.g. `['additionalFields', 'recording', 'recordFormat']`. */
export function parameterPath(operation: OperationSpec, field: FieldSpec): string[] {
	if (field.required) return [paramName(field)];
	const path: string[] = [optionalGroup(operation)];
	if (field.section) path.push(field.section.param);
	path.push(paramName(field));
	return path;
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

/** Option lists are sorted once per list object, however many fields share it. */
const sortedChoices = new WeakMap<Choice[], INodePropertyOptions[]>();
function choices(options: Choice[]): INodePropertyOptions[] {
	let sorted = sortedChoices.get(options);
	if (!sorted) {
		sorted = options
			.map(({ name, value, description }) =>
				description ? { name, value, description } : { name, value },
			)
			.sort(byName);
		sortedChoices.set(options, sorted);
	}
	return sorted;
}

/** A resource locator: pick from a list, type the ID or name, or paste a portal link. */
function locatorProperty(field: StringField, common: Partial<INodeProperties>): INodeProperties {
	const locator = field.locator!;
	const what = field.displayName.replace(/ (ID|Name)$/, '').toLowerCase();
	const idMode = locator.by === 'ID' ? 'id' : 'name';
	const url = locator.url ?? { regex: '', placeholder: '' };
	const property: INodeProperties = {
		displayName: field.displayName,
		name: paramName(field),
		type: 'resourceLocator',
		default: { mode: field.default ? idMode : 'list', value: field.default ?? '' },
		...common,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${what}...`,
				typeOptions: { searchListMethod: locator.search, searchable: true },
			},
			{
				displayName: `By ${locator.by}`,
				name: idMode,
				type: 'string',
				placeholder: field.placeholder ?? '',
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: url.placeholder,
				extractValue: { type: 'regex', regex: url.regex },
				validation: [
					{
						type: 'regex',
						properties: { regex: url.regex, errorMessage: `Not a Telnyx portal link to a ${what}` },
					},
				],
			},
		],
	};
	// Only objects with a portal page can be given as a link.
	if (!locator.url) property.modes = property.modes!.slice(0, 2);
	return property;
}

/** The properties of one field: itself, and the text field behind a "Custom" entry. */
function fieldProperties(field: FieldSpec): INodeProperties[] {
	const common = {
		description: field.description,
		...(field.required ? { required: true } : {}),
	};
	const base = {
		displayName: field.displayName,
		name: paramName(field),
		...common,
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
	};
	switch (field.type) {
		case 'string': {
			if (field.locator) return [locatorProperty(field, common)];
			const typeOptions = {
				...(field.secret ? { password: true } : {}),
				...(field.rows ? { rows: field.rows } : {}),
			};
			return [
				{
					...base,
					type: 'string',
					default: field.default ?? '',
					...(Object.keys(typeOptions).length ? { typeOptions } : {}),
				},
			];
		}
		case 'number':
			return [
				{
					...base,
					type: 'number',
					default: field.default ?? field.min ?? 0,
					typeOptions: {
						...(field.min !== undefined ? { minValue: field.min } : {}),
						...(field.max !== undefined ? { maxValue: field.max } : {}),
						...(field.float ? {} : { numberPrecision: 0 }),
					},
				},
			];
		case 'boolean':
			return [{ ...base, type: 'boolean', default: field.default ?? false }];
		case 'options': {
			if (field.custom) {
				const options = [
					...choices(field.options),
					{
						name: 'Custom',
						value: CUSTOM_CHOICE,
						description: 'Type a value that is not in this list',
					},
				].sort(byName);
				const [custom] = fieldProperties(customField(field));
				return [
					{
						...base,
						type: 'options',
						options,
						default: field.default ?? options[0].value,
						allowArbitraryValues: true,
					},
					{ ...custom, displayOptions: { show: { [base.name]: [CUSTOM_CHOICE] } } },
				];
			}
			const options = choices(field.options);
			return [{ ...base, type: 'options', options, default: field.default ?? options[0].value }];
		}
		case 'multiOptions':
			return [{ ...base, type: 'multiOptions', options: choices(field.options), default: [] }];
		case 'json':
			return [{ ...base, type: 'json', default: field.shape === 'array' ? '[]' : '{}' }];
		case 'list':
			return [
				{ ...base, type: 'string', default: '', hint: 'Separate several values with commas' },
			];
		case 'dateTime':
			return [{ ...base, type: 'dateTime', default: '' }];
		case 'nameValue':
			return [
				{
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
				},
			];
	}
}

/** Fields are built once per field object: many operations share the same one. */
const builtFields = new WeakMap<FieldSpec, INodeProperties[]>();
function propertiesOf(field: FieldSpec): INodeProperties[] {
	let built = builtFields.get(field);
	if (!built) {
		built = fieldProperties(field);
		builtFields.set(field, built);
	}
	return built;
}

/** The optional fields of an operation, with sectioned ones gathered into their section. */
function optionalProperties(fields: FieldSpec[]): INodeProperties[] {
	const sections = new Map<Section, FieldSpec[]>();
	const loose: INodeProperties[] = [];
	for (const field of fields) {
		if (field.section) {
			const list = sections.get(field.section) ?? [];
			list.push(field);
			sections.set(field.section, list);
		} else loose.push(...propertiesOf(field));
	}
	for (const [section, members] of sections) {
		loose.push({
			displayName: section.displayName,
			name: section.param,
			description: section.description,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: members.flatMap(propertiesOf).sort(byDisplayName),
		});
	}
	return loose.sort(byDisplayName);
}

const RETURN_ALL: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const LIMIT: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1 },
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

const BINARY_PROPERTY: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: BINARY_PROPERTY_PARAM,
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

export const FILE_SOURCE_PARAM = 'fileSource';
export const INPUT_DATA_FIELD_PARAM = 'inputDataFieldName';
export const FILE_SOURCES = { binary: 'binary', url: 'url' } as const;

const FILE_SOURCE: INodeProperties = {
	displayName: 'File Source',
	name: FILE_SOURCE_PARAM,
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Binary Field',
			value: FILE_SOURCES.binary,
			description:
				'A file that an earlier node put in a binary field of the item, e.g. Read/Write Files from Disk or HTTP Request',
		},
		{
			name: 'URL',
			value: FILE_SOURCES.url,
			description: 'A public URL that Telnyx downloads the file from',
		},
	],
	default: 'url',
};

const INPUT_DATA_FIELD: INodeProperties = {
	displayName: 'Input Data Field Name',
	name: INPUT_DATA_FIELD_PARAM,
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field that holds the file to upload',
	displayOptions: { show: { [FILE_SOURCE_PARAM]: [FILE_SOURCES.binary] } },
};

/** The URL field that a binary file replaces, shown only while the source is a URL. */
function urlOnly(property: INodeProperties, nested: boolean): INodeProperties {
	const key = nested ? `/${FILE_SOURCE_PARAM}` : FILE_SOURCE_PARAM;
	return { ...property, displayOptions: { show: { [key]: [FILE_SOURCES.url] } } };
}

const REQUEST_OPTIONS: INodeProperties[] = [
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

const CLIENT_STATE_ENCODED: INodeProperties = {
	displayName: 'Client State Is Base64',
	name: 'clientStateEncoded',
	type: 'boolean',
	default: false,
	description: 'Whether the client state is already Base64-encoded and is sent unchanged',
};

/** A property of one operation; the children of a collection are merged across operations one by one. */
interface Item {
	property: INodeProperties;
	children?: INodeProperties[];
}

function collection(
	labels: { displayName: string; placeholder: string },
	name: string,
	children: INodeProperties[],
): Item {
	return {
		property: { ...labels, name, type: 'collection', default: {}, options: [] },
		children,
	};
}

/** Everything one operation shows, in order, without the conditions that tie it to the operation. */
function operationItems(operation: OperationSpec): Item[] {
	const items: Item[] = [];
	const optional: FieldSpec[] = [];
	const replaced = operation.fileUpload?.replaces;
	if (replaced) items.push({ property: FILE_SOURCE }, { property: INPUT_DATA_FIELD });
	for (const field of operation.fields) {
		if (!field.required) optional.push(field);
		else if (field.key === replaced)
			items.push(
				...propertiesOf(field).map((property) => ({ property: urlOnly(property, false) })),
			);
		else items.push(...propertiesOf(field).map((property) => ({ property })));
	}
	if (operation.paginated) items.push({ property: RETURN_ALL }, { property: LIMIT });
	if (operation.binaryResponse) items.push({ property: BINARY_PROPERTY });
	if (optional.length) {
		const group = optionalGroup(operation);
		const optionalUrl = optional.find((field) => field.key === replaced);
		const children = optionalProperties(optional).map((property) =>
			optionalUrl && property.name === paramName(optionalUrl) ? urlOnly(property, true) : property,
		);
		items.push(collection(GROUP_LABELS[group], group, children));
	}
	const options = operation.fields.some(isClientState)
		? [...REQUEST_OPTIONS, CLIENT_STATE_ENCODED]
		: REQUEST_OPTIONS;
	items.push(
		collection(
			{ displayName: 'Options', placeholder: 'Add Option' },
			'options',
			[...options].sort(byDisplayName),
		),
	);
	return items;
}

/** One (resource, operation) pair. */
interface Pair {
	resource: string;
	operation: string;
	id: string;
}

/** A property and the operations that show it. */
interface Slot {
	key: string;
	property: INodeProperties;
	pairs: Pair[];
	children?: Map<string, Slot>;
}

/** Property identity: its JSON, without the children that are merged separately. */
const keys = new WeakMap<INodeProperties, string>();
function keyOf(property: INodeProperties, withoutOptions: boolean): string {
	let key = keys.get(property);
	if (key === undefined) {
		key = JSON.stringify(withoutOptions ? { ...property, options: undefined } : property);
		keys.set(property, key);
	}
	return key;
}

type Condition = { show?: Record<string, string[]>; hide?: Record<string, string[]> };

const unique = (values: string[]) => [...new Set(values)];

function holds(condition: Condition, pair: Pair, resourceKey: string) {
	const value = (key: string) => (key === resourceKey ? pair.resource : pair.operation);
	const shown = Object.entries(condition.show ?? {}).every(([key, list]) =>
		list.includes(value(key)),
	);
	const hidden = Object.entries(condition.hide ?? {}).some(([key, list]) =>
		list.includes(value(key)),
	);
	return shown && !hidden;
}

/** The shortest single condition that holds for exactly `pairs` among `universe`, if there is one. */
function exactCondition(
	pairs: Pair[],
	universe: Pair[],
	resourceKey: string,
	operationKey: string,
): Condition | undefined | false {
	const chosen = new Set(pairs.map((pair) => pair.id));
	if (universe.every((pair) => chosen.has(pair.id))) return undefined;
	const resources = unique(pairs.map((pair) => pair.resource));
	const operations = unique(pairs.map((pair) => pair.operation));
	const others = universe.filter((pair) => !chosen.has(pair.id));
	const othersInResources = others.filter((pair) => resources.includes(pair.resource));
	const candidates: Condition[] = [
		{ show: { [resourceKey]: resources } },
		{ show: { [operationKey]: operations } },
		{ hide: { [operationKey]: unique(others.map((pair) => pair.operation)) } },
		{ show: { [resourceKey]: resources, [operationKey]: operations } },
		{
			show: { [resourceKey]: resources },
			hide: { [operationKey]: unique(othersInResources.map((pair) => pair.operation)) },
		},
	];
	let best: Condition | false = false;
	for (const condition of candidates) {
		const fits = universe.every(
			(pair) => holds(condition, pair, resourceKey) === chosen.has(pair.id),
		);
		if (fits && (!best || JSON.stringify(condition).length < JSON.stringify(best).length))
			best = condition;
	}
	return best;
}

/**
 * The display conditions that show a property for exactly `pairs` among `universe` (the pairs
 * for which its parent is shown), each with the pairs it covers. Several conditions mean several
 * copies of the property; a condition of `undefined` means: always shown.
 */
function conditionsFor(
	pairs: Pair[],
	universe: Pair[],
	resourceKey: string,
	operationKey: string,
): Array<{ condition: Condition | undefined; pairs: Pair[] }> {
	const whole = exactCondition(pairs, universe, resourceKey, operationKey);
	if (whole !== false) return [{ condition: whole, pairs }];
	// Gather resources into as few groups as possible that each have an exact condition
	// (a single resource always has one).
	const groups: Array<{ pairs: Pair[]; condition: Condition | undefined }> = [];
	for (const resource of unique(pairs.map((pair) => pair.resource))) {
		const own = pairs.filter((pair) => pair.resource === resource);
		const joined = groups.find((group) => {
			const condition = exactCondition(
				[...group.pairs, ...own],
				universe,
				resourceKey,
				operationKey,
			);
			if (condition === false) return false;
			group.pairs = [...group.pairs, ...own];
			group.condition = condition;
			return true;
		});
		if (!joined) {
			const condition = exactCondition(own, universe, resourceKey, operationKey);
			groups.push({ pairs: own, condition: condition === false ? undefined : condition });
		}
	}
	return groups;
}

function withCondition(
	property: INodeProperties,
	condition: Condition | undefined,
): INodeProperties {
	if (!condition) return property;
	const own: IDisplayOptions = property.displayOptions ?? {};
	const displayOptions: IDisplayOptions = {};
	const show = { ...(condition.show ?? {}), ...(own.show ?? {}) };
	const hide = { ...(condition.hide ?? {}), ...(own.hide ?? {}) };
	if (Object.keys(show).length) displayOptions.show = show as IDisplayOptions['show'];
	if (Object.keys(hide).length) displayOptions.hide = hide as Record<string, NodeParameterValue[]>;
	return { ...property, displayOptions };
}

/** The slots of a list, each expanded into one property per display condition. */
function emit(
	slots: Iterable<Slot>,
	universe: Pair[],
	resourceKey: string,
	operationKey: string,
): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const slot of slots) {
		for (const { condition, pairs } of conditionsFor(
			slot.pairs,
			universe,
			resourceKey,
			operationKey,
		)) {
			let property = slot.property;
			if (slot.children) {
				// Each copy of a collection holds only the children of the operations it is shown for.
				const ids = new Set(pairs.map((pair) => pair.id));
				const children = [...slot.children.values()]
					.map((child) => ({ ...child, pairs: child.pairs.filter((pair) => ids.has(pair.id)) }))
					.filter((child) => child.pairs.length)
					.sort((a, b) => byDisplayName(a.property, b.property));
				property = { ...property, options: emit(children, pairs, '/resource', '/operation') };
			}
			properties.push(withCondition(property, condition));
		}
	}
	return properties;
}

function addChildren(slot: Slot, children: INodeProperties[], pair: Pair) {
	slot.children ??= new Map();
	for (const child of children) {
		const key = keyOf(child, false);
		const existing = slot.children.get(key);
		if (existing) existing.pairs.push(pair);
		else slot.children.set(key, { key, property: child, pairs: [pair] });
	}
}

/** A subtitle that reads "Call: Gather Using Speak", from a map of display names. */
function subtitle(catalogue: ResourceSpec[]): string {
	const names: Record<string, string> = {};
	for (const resource of catalogue)
		for (const operation of resource.operations)
			names[`${resource.value}:${operation.value}`] = `${resource.name}: ${operation.name}`;
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
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

	// Merge the operations' properties, keeping each operation's own order.
	const slots: Slot[] = [];
	const universe: Pair[] = [];
	for (const resource of catalogue) {
		for (const operation of resource.operations) {
			const pair = {
				resource: resource.value,
				operation: operation.value,
				id: `${resource.value}:${operation.value}`,
			};
			universe.push(pair);
			let cursor = -1;
			for (const item of operationItems(operation)) {
				const key = keyOf(item.property, !!item.children);
				let index = slots.findIndex((slot, i) => i > cursor && slot.key === key);
				if (index === -1) {
					index = cursor + 1;
					slots.splice(index, 0, { key, property: item.property, pairs: [] });
				}
				const slot = slots[index];
				slot.pairs.push(pair);
				if (item.children) addChildren(slot, item.children, pair);
				cursor = index;
			}
		}
	}
	properties.push(...emit(slots, universe, 'resource', 'operation'));
	return properties;
}

/** The node's properties and subtitle, built once per process. */
let built: { properties: INodeProperties[]; subtitle: string } | undefined;
export function nodeDescriptionParts(catalogue: ResourceSpec[]) {
	built ??= { properties: buildProperties(catalogue), subtitle: subtitle(catalogue) };
	return built;
}
