/**
 * The shape of the operation catalogue. A catalogue entry is data only: the builder turns it
 * into n8n properties and the executor turns it into a request. Nothing here knows about n8n.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where a field travels. Defaults: `path` when the path has `{key}`, else `query` for GET and DELETE, else `body`. */
export type FieldLocation = 'path' | 'query' | 'body';

/**
 * Checks applied to text before any request is made.
 * - `phoneOrSip`: E.164 (`+13125550100`) or a SIP URI (`sip:user@host`)
 * - `phone`: E.164 only
 * - `url`: an absolute http(s) or ws(s) URL
 * - `dtmf`: digits, `*`, `#`, `A`-`D`, `w` and `W`
 */
export type TextFormat = 'phoneOrSip' | 'phone' | 'url' | 'dtmf';

/**
 * A field that names a Telnyx object, picked in the editor from a searchable list, typed as an
 * ID or name, or (for objects with a portal page) pasted as a link.
 */
export interface Locator {
	/** The `listSearch` method of the node that lists the objects. */
	search: string;
	/** What the value is: an ID, or a name the object is addressed by. */
	by: 'ID' | 'Name';
	/** A link that contains the value: the first group of the expression is the value. */
	url?: { regex: string; placeholder: string };
}

/** A named group of optional fields, shown as one entry with its own fields in the editor. */
export interface Section {
	/** The n8n parameter name of the group. */
	param: string;
	displayName: string;
	description: string;
}

export interface Choice {
	name: string;
	value: string | number;
	description?: string;
}

interface FieldBase {
	/** The key Telnyx expects. Dots nest body keys (`inbound.channel_limit`); query keys are sent as written (`filter[status]`). */
	key: string;
	displayName: string;
	/** Left out when the display name and type say it all. */
	description?: string;
	required?: boolean;
	in?: FieldLocation;
	/** The n8n parameter name. Defaults to the camel-cased key. */
	param?: string;
	placeholder?: string;
	/**
	 * Shown below the field. For JSON examples whose keys are written in lowercase (`"id"`,
	 * `"url"`), which n8n's placeholder rules would have uppercased.
	 */
	hint?: string;
	/** For optional fields: the group they are shown in, inside the optional collection. */
	section?: Section;
}

export interface StringField extends FieldBase {
	type: 'string';
	format?: TextFormat;
	/** Masks the value in the editor. */
	secret?: boolean;
	/** Shows a multi-line editor. */
	rows?: number;
	/** Sends a numeric text as a number (for `string | number` API fields such as `loop`). */
	numeric?: boolean;
	/** Lets the user pick the value from a list of the account's objects. */
	locator?: Locator;
	default?: string;
}

export interface NumberField extends FieldBase {
	type: 'number';
	min?: number;
	max?: number;
	/** Allows decimals. Integers otherwise. */
	float?: boolean;
	/** `''` leaves the field empty, so that a required value must be typed in. Defaults to `min`, else 0. */
	default?: number | '';
}

export interface BooleanField extends FieldBase {
	type: 'boolean';
	default?: boolean;
}

export interface OptionsField extends FieldBase {
	type: 'options';
	options: Choice[];
	default?: string | number;
	/**
	 * Also accepts a value that is not in the list: from an expression, or typed into a text
	 * field that appears when the user picks the "Custom" entry.
	 */
	custom?: { param: string; displayName: string; description: string; placeholder: string };
	/**
	 * For long lists: shown as a searchable list served by the node's `listSearch` method of this
	 * name (made from `options`), or typed as a code, instead of a dropdown in the description.
	 */
	search?: string;
}

export interface MultiOptionsField extends FieldBase {
	type: 'multiOptions';
	options: Choice[];
}

/** Free-form JSON, parsed and shape-checked before sending. */
export interface JsonField extends FieldBase {
	type: 'json';
	shape: 'object' | 'array';
}

/** A comma-separated list (or an expression that returns an array), sent as an array of text. */
export interface ListField extends FieldBase {
	type: 'list';
	format?: TextFormat;
	/** Sends a single value as text and several as an array (for `string | string[]` API fields). */
	oneOrMany?: boolean;
}

/** Name/value pairs, sent as `[{ name, value }]` (SIP and custom headers, stream parameters). */
export interface NameValueField extends FieldBase {
	type: 'nameValue';
}

export interface DateTimeField extends FieldBase {
	type: 'dateTime';
}

/**
 * Rows of a name and a comma-separated list, sent as one object keyed by the names:
 * `{ [name]: [values] }`, or `{ [name]: { [wrap]: [values] } }` when `wrap` is set
 * (per-event webhook URLs and retry delays).
 */
export interface ListMapField extends FieldBase {
	type: 'listMap';
	/** Label and placeholder of the name in each row. */
	entryName: { displayName: string; placeholder: string };
	/** Label and placeholder of the list in each row. */
	entryList: { displayName: string; placeholder: string };
	/** Checks applied to every value of a list. */
	format?: TextFormat;
	/** The values are whole numbers of at least 0, sent as numbers. */
	numbers?: boolean;
	wrap?: string;
}

export type FieldSpec =
	| StringField
	| NumberField
	| BooleanField
	| OptionsField
	| MultiOptionsField
	| JsonField
	| ListField
	| NameValueField
	| DateTimeField
	| ListMapField;

export interface OperationSpec {
	/** The n8n operation value, camelCase. */
	value: string;
	/** Display name: Create, Delete, Get, Get Many, Update, or a verb such as Dial or Speak. */
	name: string;
	/** The sentence shown in the nodes panel, e.g. "Speak text on a call". */
	action: string;
	description: string;
	method: HttpMethod;
	path: string;
	fields: FieldSpec[];
	/** A list endpoint with `page[number]` / `page[size]`: adds Return All and Limit. */
	paginated?: { maxPageSize: number };
	/** The response is a file, returned as binary data. */
	binaryResponse?: boolean;
	/** The body is sent as multipart/form-data instead of JSON. */
	multipart?: boolean;
	/**
	 * A multipart operation that can also send a file from the item's binary data: the user picks
	 * the source, and a binary file goes as the file part `field` in place of the URL field
	 * `replaces`, which Telnyx would otherwise fetch itself.
	 */
	fileUpload?: { field: string; replaces: string };
	/** The collection that holds optional fields. Defaults to Update Fields for `update`, Filters for list operations, else Additional Fields. */
	optionalGroup?: 'additionalFields' | 'updateFields' | 'filters';
	/**
	 * Call events that tell this command has done its work (`call.gather.ended` for a gather).
	 * The node offers them under Wait For: it sends the command, then the execution waits for
	 * the event (see engine/wait.ts).
	 */
	waitFor?: string[];
	/** The operation sends nothing to Telnyx: it only waits for call events (Call → Wait for Event). */
	noRequest?: boolean;
}

export interface ResourceSpec {
	value: string;
	name: string;
	operations: OperationSpec[];
}
