import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
	NodeParameterValue,
} from 'n8n-workflow';
import { isClientState } from '../engine/request';
import { DEFAULT_MAX_IN_FLIGHT } from '../engine/scheduler';
import { waitProperties } from '../engine/wait';
import { CUSTOM_CHOICE, customField } from './fields';
import type {
	Choice,
	FieldSpec,
	OperationSpec,
	OptionsField,
	ResourceSpec,
	Section,
	StringField,
} from './types';

/**
 * Turns the catalogue into n8n properties: required fields up front, optional ones in a
 * collection. A property that several operations show in the same form is emitted once, with
 * all of them in its display conditions, so the description n8n sends to the editor stays small.
 */

const paramNames = new Map<string, string>();

/** The n8n parameter name of a field: its `param`, or its key in camelCase (`filter[occurred_at][gte]` → `filterOccurredAtGte`). */
export function paramName(field: FieldSpec): string {
	if (field.param) return field.param;
	let name = paramNames.get(field.key);
	if (name === undefined) {
		const words = field.key.split(/[^A-Za-z0-9]+/).filter(Boolean);
		name = words
			.map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1)))
			.join('');
		paramNames.set(field.key, name);
	}
	return name;
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

/** The same order as `localeCompare`, without building a collator for every comparison. */
const collator = new Intl.Collator();
const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);
const byDisplayName = <T extends { displayName: string }>(a: T, b: T) =>
	collator.compare(a.displayName, b.displayName);

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
	const noun = field.displayName.replace(/ (ID|Name)$/, '').toLowerCase();
	const what = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
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
				placeholder: `Select ${what}...`,
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
						properties: { regex: url.regex, errorMessage: `Not a Telnyx portal link to ${what}` },
					},
				],
			},
		],
	};
	// Only objects with a portal page can be given as a link.
	if (!locator.url) property.modes = property.modes!.slice(0, 2);
	return property;
}

/** A long option list as a searchable list that the editor loads when opened, or a typed code. */
function searchableChoices(field: OptionsField, common: Partial<INodeProperties>): INodeProperties {
	return {
		displayName: field.displayName,
		name: paramName(field),
		type: 'resourceLocator',
		default: { mode: 'list', value: field.default ?? '' },
		...common,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${field.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: field.search, searchable: true },
			},
			{
				displayName: 'By Code',
				name: 'code',
				type: 'string',
				placeholder: field.placeholder ?? '',
			},
		],
	};
}

/** The properties of one field: itself, and the text field behind a "Custom" entry. */
function fieldProperties(field: FieldSpec): INodeProperties[] {
	const common = {
		...(field.description ? { description: field.description } : {}),
		...(field.required ? { required: true } : {}),
	};
	const base = {
		displayName: field.displayName,
		name: paramName(field),
		...common,
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
		...(field.hint ? { hint: field.hint } : {}),
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
			if (field.search) return [searchableChoices(field, common)];
			if (field.custom) {
				const options = [
					...choices(field.options),
					{
						name: 'Custom',
						value: CUSTOM_CHOICE,
						description: 'Type a value that is not in this list',
					},
				].sort(byName);
				const [custom] = fieldProperties({ ...customField(field), required: undefined });
				return [
					{
						...base,
						type: 'options',
						options,
						default: field.default ?? options[0].value,
						allowArbitraryValues: true,
					},
					// Not marked required: with an expression in the list, n8n shows it, and would
					// then ask for it. The executor checks it when Custom is picked.
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
		case 'listMap':
			return [
				{
					...base,
					type: 'fixedCollection',
					placeholder: 'Add Entry',
					default: {},
					typeOptions: { multipleValues: true },
					options: [
						{
							displayName: 'Entry',
							name: 'entries',
							values: [
								{
									displayName: field.entryName.displayName,
									name: 'name',
									type: 'string',
									default: '',
									placeholder: field.entryName.placeholder,
								},
								{
									displayName: field.entryList.displayName,
									name: 'list',
									type: 'string',
									default: '',
									placeholder: field.entryList.placeholder,
									hint: 'Separate several values with commas',
								},
							],
						},
					],
				},
			];
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
		{ name: 'Binary Field', value: FILE_SOURCES.binary },
		{ name: 'URL', value: FILE_SOURCES.url },
	],
	default: 'url',
};

const INPUT_DATA_FIELD: INodeProperties = {
	displayName: 'Input Data Field Name',
	name: INPUT_DATA_FIELD_PARAM,
	type: 'string',
	default: 'data',
	required: true,
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
		description: 'After rate limits, server or network errors, if safe to repeat',
	},
	{
		displayName: 'Max Requests in Flight',
		name: 'maxInFlight',
		type: 'number',
		default: DEFAULT_MAX_IN_FLIGHT,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'Lower it on rate-limit errors; commands per call stay in order',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		default: 30000,
		typeOptions: { minValue: 1000, numberPrecision: 0 },
		description: 'Per attempt, in milliseconds',
	},
];

const CLIENT_STATE_ENCODED: INodeProperties = {
	displayName: 'Client State Is Base64',
	name: 'clientStateEncoded',
	type: 'boolean',
	default: false,
	description: 'Whether Client State is already Base64 and sent as is',
};

/** A property of one operation; the children of a collection are merged across operations one by one. */
export interface Item {
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
export function operationItems(operation: OperationSpec): Item[] {
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
	items.push(...waitProperties(operation).map((property) => ({ property })));
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

/** Roughly the bytes a list of values adds to a condition. */
const weigh = (list: string[] | undefined) =>
	list ? 16 + list.reduce((sum, value) => sum + value.length + 3, 0) : 0;

/** How often each resource and operation occurs in a universe, counted once per universe. */
const counts = new WeakMap<Pair[], { resources: Map<string, number>; operations: Map<string, number> }>();

/** The condition for one pair: its operation alone when no other resource has it, and so on. */
function singleCondition(
	pair: Pair,
	universe: Pair[],
	resourceKey: string,
	operationKey: string,
): Condition {
	let count = counts.get(universe);
	if (!count) {
		count = { resources: new Map(), operations: new Map() };
		for (const { resource, operation } of universe) {
			count.resources.set(resource, (count.resources.get(resource) ?? 0) + 1);
			count.operations.set(operation, (count.operations.get(operation) ?? 0) + 1);
		}
		counts.set(universe, count);
	}
	const byResource = count.resources.get(pair.resource) === 1;
	const byOperation = count.operations.get(pair.operation) === 1;
	if (byResource && (!byOperation || pair.resource.length <= pair.operation.length))
		return { show: { [resourceKey]: [pair.resource] } };
	if (byOperation) return { show: { [operationKey]: [pair.operation] } };
	return { show: { [resourceKey]: [pair.resource], [operationKey]: [pair.operation] } };
}

/**
 * The shortest single condition that holds for exactly `pairs` among `universe`, if there is one:
 * on the resource, the operation, or both, with the operations listed as shown or as hidden.
 */
function exactCondition(
	pairs: Pair[],
	universe: Pair[],
	resourceKey: string,
	operationKey: string,
): Condition | undefined | false {
	if (pairs.length === universe.length) return undefined;
	if (pairs.length === 1) return singleCondition(pairs[0], universe, resourceKey, operationKey);
	const chosen = new Set(pairs.map((pair) => pair.id));
	const others = universe.filter((pair) => !chosen.has(pair.id));
	const resources = unique(pairs.map((pair) => pair.resource));
	const operations = unique(pairs.map((pair) => pair.operation));
	const inResources = new Set(resources);
	const hiddenAll = unique(others.map((pair) => pair.operation));
	const hiddenInResources = unique(
		others.filter((pair) => inResources.has(pair.resource)).map((pair) => pair.operation),
	);
	const candidates: Array<[string[] | undefined, string[] | undefined, string[] | undefined]> = [
		[resources, undefined, undefined],
		[undefined, operations, undefined],
		[undefined, undefined, hiddenAll],
		[resources, operations, undefined],
		[resources, undefined, hiddenInResources],
	];
	const ranked = candidates
		.map((candidate) => ({ candidate, weight: candidate.reduce((n, list) => n + weigh(list), 0) }))
		.sort((a, b) => a.weight - b.weight);
	for (const { candidate } of ranked) {
		const [shownResources, shownOperations, hidden] = candidate.map((list) => list && new Set(list));
		const holds = (pair: Pair) =>
			(!shownResources || shownResources.has(pair.resource)) &&
			(!shownOperations || shownOperations.has(pair.operation)) &&
			(!hidden || !hidden.has(pair.operation));
		if (!pairs.every(holds) || others.some(holds)) continue;
		const condition: Condition = {};
		if (candidate[0] || candidate[1])
			condition.show = {
				...(candidate[0] ? { [resourceKey]: candidate[0] } : {}),
				...(candidate[1] ? { [operationKey]: candidate[1] } : {}),
			};
		if (candidate[2]) condition.hide = { [operationKey]: candidate[2] };
		return condition;
	}
	return false;
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

/** Merges the children of a collection into its slot; a nested collection (a section) merges its own children. */
function addChildren(slot: Slot, children: INodeProperties[], pair: Pair) {
	slot.children ??= new Map();
	for (const child of children) {
		const nested = child.type === 'collection';
		const key = keyOf(child, nested);
		let existing = slot.children.get(key);
		if (!existing) {
			existing = { key, property: child, pairs: [] };
			slot.children.set(key, existing);
		}
		existing.pairs.push(pair);
		if (nested) addChildren(existing, child.options as INodeProperties[], pair);
	}
}

/**
 * The words that a spelling in an expression gets wrong only in letter case ("Ai" for "AI"),
 * from pairs of spelled text and the name it should read. A word the pairs disagree on is
 * left out (the name then goes among the exceptions the expression carries).
 */
export function caseFixes(pairs: Array<{ spelled: string; name: string }>): Record<string, string> {
	const fixes: Record<string, string> = {};
	const clashes = new Set<string>();
	for (const { spelled, name } of pairs) {
		const own = spelled.split(' ');
		const wanted = name.split(' ');
		if (own.length !== wanted.length) continue;
		if (own.some((word, i) => word.toLowerCase() !== wanted[i].toLowerCase())) continue;
		own.forEach((word, i) => {
			if (word === wanted[i]) return;
			if (fixes[word] !== undefined && fixes[word] !== wanted[i]) clashes.add(word);
			fixes[word] = wanted[i];
		});
	}
	for (const word of clashes) delete fixes[word];
	return fixes;
}

/** Spelled text with its case fixes applied, as the expression does: `.split(" ").map((x) => f[x] ?? x).join(" ")`. */
export function withCaseFixes(spelled: string, fixes: Record<string, string>): string {
	return spelled
		.split(' ')
		.map((word) => fixes[word] ?? word)
		.join(' ');
}

/** A value in words, as the subtitle expression spells it: `gatherUsingAi` → `Gather Using Ai`. */
function spelled(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1).replace(/[A-Z]/g, ' $&');
}

/**
 * A subtitle that reads "Call: Gather Using Speak". The expression spells resource and
 * operation values out in words, fixes the words it spells in the wrong case ("Ai" → "AI"),
 * and carries the names that spelling does not give: keyed by operation value, by
 * `resource:operation` where the resources that have an operation name it differently, and by
 * `resource:` for a resource.
 */
export function subtitle(catalogue: ResourceSpec[]): string {
	const pairs: Array<{ key: string; value: string; name: string }> = [];
	for (const resource of catalogue) {
		pairs.push({ key: `${resource.value}:`, value: resource.value, name: resource.name });
		for (const { value, name } of resource.operations)
			pairs.push({ key: `${resource.value}:${value}`, value, name });
	}
	const fixes = caseFixes(pairs.map(({ value, name }) => ({ spelled: spelled(value), name })));
	const byValue = new Map<string, Set<string>>();
	for (const { key, value, name } of pairs)
		if (!key.endsWith(':')) byValue.set(value, (byValue.get(value) ?? new Set()).add(name));
	const exceptions: Record<string, string> = {};
	for (const { key, value, name } of pairs) {
		if (withCaseFixes(spelled(value), fixes) === name) continue;
		if (!key.endsWith(':') && byValue.get(value)!.size === 1) exceptions[value] = name;
		else exceptions[key] = name;
	}
	const json = (value: unknown) => JSON.stringify(value);
	return (
		`={{ ((r, o, f, e) => { const s = (v) => (v.charAt(0).toUpperCase() + v.slice(1).replace(/[A-Z]/g, " $&")).split(" ").map((x) => f[x] ?? x).join(" "); ` +
		`return (e[r + ":"] ?? s(r)) + ": " + (e[r + ":" + o] ?? e[o] ?? s(o)); })` +
		`($parameter.resource, $parameter.operation, ${json(fixes)}, ${json(exceptions)}) }}`
	);
}

/**
 * Moves an earlier slot with `key` to just behind `cursor` when no operation that shows it
 * also shows a slot it would pass, so that one property serves where a copy would otherwise be
 * added. Returns its new index, or -1.
 */
function moveBehind(slots: Slot[], key: string, cursor: number): number {
	for (let from = cursor; from >= 0; from--) {
		if (slots[from].key !== key) continue;
		const ids = new Set(slots[from].pairs.map((pair) => pair.id));
		let free = true;
		for (let i = from + 1; i <= cursor && free; i++)
			free = !slots[i].pairs.some((pair) => ids.has(pair.id));
		if (!free) continue;
		const [slot] = slots.splice(from, 1);
		slots.splice(cursor, 0, slot);
		return cursor;
	}
	return -1;
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
				if (index === -1) index = moveBehind(slots, key, cursor);
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
