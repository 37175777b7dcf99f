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

export interface Choice {
	name: string;
	value: string | number;
	description?: string;
}

interface FieldBase {
	/** The key Telnyx expects. Dots nest body keys (`inbound.channel_limit`); query keys are sent as written (`filter[status]`). */
	key: string;
	displayName: string;
	description: string;
	required?: boolean;
	in?: FieldLocation;
	/** The n8n parameter name. Defaults to the camel-cased key. */
	param?: string;
	placeholder?: string;
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
	default?: string;
}

export interface NumberField extends FieldBase {
	type: 'number';
	min?: number;
	max?: number;
	/** Allows decimals. Integers otherwise. */
	float?: boolean;
	default?: number;
}

export interface BooleanField extends FieldBase {
	type: 'boolean';
	default?: boolean;
}

export interface OptionsField extends FieldBase {
	type: 'options';
	options: Choice[];
	default?: string | number;
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

export type FieldSpec =
	| StringField
	| NumberField
	| BooleanField
	| OptionsField
	| MultiOptionsField
	| JsonField
	| ListField
	| NameValueField
	| DateTimeField;

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
