import {
	NodeHelpers,
	type IDisplayOptions,
	type INode,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

/**
 * What the editor shows for one resource and operation, decided by n8n's own `displayParameter`.
 * Conditions on other parameters (Return All, a "Custom" choice) are taken as met, so a field
 * that appears once the user sets such a value counts as shown.
 */

const NODE = { name: 'Telnyx', typeVersion: 1, parameters: {} } as unknown as INode;

function onlySelectors(options: IDisplayOptions | undefined): IDisplayOptions | undefined {
	if (!options) return undefined;
	const keep = (part?: Record<string, unknown>) =>
		part &&
		Object.fromEntries(
			Object.entries(part).filter(([key]) => /^\/?(resource|operation)$/.test(key)),
		);
	return { show: keep(options.show) as IDisplayOptions['show'], hide: keep(options.hide) as IDisplayOptions['hide'] };
}

export function isShown(
	property: INodeProperties,
	resource: string,
	operation: string,
	description: INodeTypeDescription,
): boolean {
	const root = { resource, operation };
	const relevant = { ...property, displayOptions: onlySelectors(property.displayOptions) };
	return NodeHelpers.displayParameter(root, relevant, NODE, description, root);
}

/** A shown property without the conditions on resource and operation: what the user sees of it. */
export function withoutConditions(property: INodeProperties): INodeProperties {
	const rest = { ...property };
	delete rest.displayOptions;
	const own = (part?: Record<string, unknown>) => {
		const kept = Object.entries(part ?? {}).filter(([key]) => !/^\/?(resource|operation)$/.test(key));
		return kept.length ? Object.fromEntries(kept) : undefined;
	};
	const show = own(property.displayOptions?.show);
	const hide = own(property.displayOptions?.hide);
	if (show || hide)
		rest.displayOptions = {
			...(show ? { show: show as IDisplayOptions['show'] } : {}),
			...(hide ? { hide: hide as IDisplayOptions['hide'] } : {}),
		};
	if (property.type === 'collection')
		rest.options = (property.options as INodeProperties[]).map(withoutConditions);
	return rest;
}

/**
 * Every field shown for the operation, by parameter path (`additionalFields.recording.recordFormat`),
 * in the order the editor lists them, collections opened.
 */
export function shownFields(
	description: INodeTypeDescription,
	resource: string,
	operation: string,
): Array<[string, INodeProperties]> {
	const out: Array<[string, INodeProperties]> = [];
	const visit = (list: INodeProperties[], prefix: string) => {
		for (const property of list) {
			if (!isShown(property, resource, operation, description)) continue;
			const path = prefix + property.name;
			if (property.type === 'collection') {
				out.push([path, { ...withoutConditions(property), options: [] }]);
				visit(property.options as INodeProperties[], `${path}.`);
			} else out.push([path, withoutConditions(property)]);
		}
	};
	visit(
		description.properties.filter((p) => p.name !== 'resource' && p.name !== 'operation'),
		'',
	);
	return out;
}
