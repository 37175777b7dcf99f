import type { FieldSpec, OptionsField, StringField } from './types';

/** Catalogue field helpers that both the builder and the request planner need. */

/** The value of the "Custom" entry of an options field that accepts values outside its list. */
export const CUSTOM_CHOICE = 'custom';

/** The text field that holds the value when the user picks "Custom". */
export function customField(field: OptionsField): StringField {
	const custom = field.custom!;
	return {
		type: 'string',
		key: field.key,
		param: custom.param,
		displayName: custom.displayName,
		description: custom.description,
		placeholder: custom.placeholder,
		...(field.required ? { required: true } : {}),
		...(field.in ? { in: field.in } : {}),
		...(field.section ? { section: field.section } : {}),
	};
}

/** A resource locator value as n8n stores it. */
export interface LocatorValue {
	__rl: true;
	mode: string;
	value: unknown;
}

export function isLocatorValue(value: unknown): value is LocatorValue {
	return typeof value === 'object' && value !== null && '__rl' in value && 'mode' in value;
}

/**
 * The plain value of a locator field: the picked or typed ID, or the ID taken out of a portal
 * link. `undefined` when a link does not contain one.
 */
export function locatorValue(field: FieldSpec, value: LocatorValue): unknown {
	if (value.mode !== 'url') return value.value;
	const url = field.type === 'string' ? field.locator?.url : undefined;
	if (!url) return value.value;
	const match = new RegExp(url.regex).exec(String(value.value ?? '').trim());
	return match?.[1];
}
