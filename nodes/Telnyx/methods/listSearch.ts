import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { catalogue, findOperation } from '../catalogue';
import type { Choice } from '../catalogue/types';
import { CONTAINS_MIN_LENGTH } from '../resources/shared';
import { telnyxRequest } from '../transport';

/**
 * The lists behind the resource locators: one page of a resource's Get Many per call, matched
 * against the search text. Path, paging and the name filter come from the catalogue; only how a
 * record reads in the list is said here. The pagination token is the next page number.
 */

const PAGE_SIZE = 100;

interface ListSpec {
	/** The catalogue resource whose Get Many lists the records. */
	resource: string;
	/** Key of a `[contains]` filter of that Get Many that narrows by name on the server. */
	nameFilter?: string;
	toItem: (record: IDataObject) => INodeListSearchItems | undefined;
}

interface ListSource {
	path: string;
	serverFilter?: { key: string; minLength: number };
	paged: boolean;
	toItem: ListSpec['toItem'];
}

function sourceOf({ resource, nameFilter, toItem }: ListSpec): ListSource {
	const list = findOperation(resource, 'getMany');
	if (!list) throw new Error(`The catalogue has no Get Many for ${resource}`);
	if (nameFilter && !list.fields.some((field) => field.key === nameFilter))
		throw new Error(`${resource} Get Many has no ${nameFilter} filter`);
	return {
		path: list.path,
		paged: list.paginated !== undefined,
		serverFilter: nameFilter ? { key: nameFilter, minLength: CONTAINS_MIN_LENGTH } : undefined,
		toItem,
	};
}

const text = (value: unknown) =>
	typeof value === 'string' ? value : value == null ? '' : String(value);

const SOURCES = {
	applications: {
		resource: 'callControlApplication',
		nameFilter: 'filter[application_name][contains]',
		toItem: (record) => {
			const id = text(record.id);
			if (!id) return undefined;
			return { name: text(record.application_name) || id, value: id };
		},
	},
	connections: {
		resource: 'connection',
		nameFilter: 'filter[connection_name][contains]',
		toItem: (record) => {
			const id = text(record.id);
			if (!id) return undefined;
			return { name: text(record.connection_name) || id, value: id };
		},
	},
	queues: {
		resource: 'queue',
		toItem: (record) => {
			const name = text(record.name);
			if (!name) return undefined;
			const size = record.current_size;
			return {
				name: typeof size === 'number' ? `${name} (${size} waiting)` : name,
				value: name,
			};
		},
	},
	conferences: {
		resource: 'conference',
		toItem: (record) => {
			const id = text(record.id);
			if (!id) return undefined;
			const status = text(record.status);
			const name = text(record.name) || id;
			return { name: status ? `${name} (${status})` : name, value: id };
		},
	},
	recordings: {
		resource: 'recording',
		toItem: (record) => {
			const id = text(record.id);
			if (!id) return undefined;
			const started = text(record.recording_started_at ?? record.created_at);
			const seconds =
				typeof record.duration_millis === 'number'
					? ` · ${Math.round(record.duration_millis / 1000)} s`
					: '';
			return { name: started ? `${started}${seconds} (${id})` : id, value: id };
		},
	},
	media: {
		resource: 'media',
		toItem: (record) => {
			const name = text(record.media_name);
			if (!name) return undefined;
			const type = text(record.content_type);
			return { name: type ? `${name} (${type})` : name, value: name };
		},
	},
} satisfies Record<string, ListSpec>;

async function search(
	ctx: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Math.max(1, Number(paginationToken) || 1);
	const wanted = (filter ?? '').trim().toLowerCase();
	const qs: IDataObject = source.paged ? { 'page[number]': page, 'page[size]': PAGE_SIZE } : {};
	if (source.serverFilter && wanted.length >= source.serverFilter.minLength)
		qs[source.serverFilter.key] = filter!.trim();
	const { body } = await telnyxRequest(ctx, { method: 'GET', path: source.path, qs });
	const answer = (body ?? {}) as { data?: unknown; meta?: { total_pages?: number } };
	const records = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const results = records
		.map(source.toItem)
		.filter((item): item is INodeListSearchItems => !!item)
		.filter(
			(item) =>
				!wanted ||
				item.name.toLowerCase().includes(wanted) ||
				String(item.value).toLowerCase().includes(wanted),
		);
	const totalPages = answer.meta?.total_pages;
	const more = source.paged && typeof totalPages === 'number' && page < totalPages;
	return more ? { results, paginationToken: String(page + 1) } : { results };
}

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

function searchOf(source: ListSource): SearchMethod {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, source, filter, paginationToken);
	};
}

/** A long option list of the catalogue, searched by name or code; no request is made. */
function choicesSearch(choices: Choice[]): SearchMethod {
	const items = choices
		.map(({ name, value }) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return async function (this: ILoadOptionsFunctions, filter?: string) {
		const wanted = (filter ?? '').trim().toLowerCase();
		return {
			results: wanted
				? items.filter(
						(item) =>
							item.name.toLowerCase().includes(wanted) ||
							String(item.value).toLowerCase().startsWith(wanted),
					)
				: items,
		};
	};
}

/** The searches of the catalogue's searchable option lists, by the name each field gives. */
const choiceSearches: Record<string, SearchMethod> = {};
for (const resource of catalogue)
	for (const operation of resource.operations)
		for (const field of operation.fields)
			if (field.type === 'options' && field.search)
				choiceSearches[field.search] ??= choicesSearch(field.options);

/** The node's `methods.listSearch`, named as the catalogue's locators and searchable lists name them. */
export const listSearch: Record<string, SearchMethod> = {
	...choiceSearches,
	searchApplications: searchOf(sourceOf(SOURCES.applications)),
	searchConnections: searchOf(sourceOf(SOURCES.connections)),
	searchQueues: searchOf(sourceOf(SOURCES.queues)),
	searchConferences: searchOf(sourceOf(SOURCES.conferences)),
	searchRecordings: searchOf(sourceOf(SOURCES.recordings)),
	searchMedia: searchOf(sourceOf(SOURCES.media)),
};
