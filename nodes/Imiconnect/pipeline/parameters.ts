import type { IDataObject, IExecuteFunctions, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ParamReader } from './types';

/** `={{ $json.a.b }}` or `={{ $json["a"] }}`: a plain path into the item, nothing else. */
const JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

function jsonPath(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = JSON_PATH.exec(raw);
	if (!match) return undefined;
	return [...match[1].matchAll(SEGMENT)].map((segment) => segment[1] ?? segment[2] ?? segment[3]);
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

const MISSING = Symbol('missing');

/** The value at `path` in the item, or MISSING where n8n's expression would fail (a step through nothing). */
function walk(json: IDataObject, path: string[]): unknown {
	let at: unknown = json;
	for (let index = 0; index < path.length; index++) {
		if (at === null || at === undefined) return MISSING;
		if (typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, path[index])) {
			return index === path.length - 1 && typeof at === 'object' ? undefined : MISSING;
		}
		at = (at as IDataObject)[path[index]];
	}
	return at;
}

/**
 * Reads a parameter for each item as n8n's getNodeParameter does, but without
 * its per-item cost where the answer is known: a parameter with no expression
 * is read once per run, and the default `={{ $json.customerId }}` (any plain
 * `$json` path) is taken straight from the item. Everything else goes through
 * n8n. Evaluating expressions is most of the node's CPU time otherwise.
 */
export function parameterReader(
	ctx: IExecuteFunctions | IExecuteSingleFunctions,
	items: INodeExecutionData[],
	/** n8n's routing runs one item at a time: its index, with `items` holding just that item. */
	single?: number,
): (itemIndex: number) => ParamReader {
	const raw = ctx.getNode().parameters;
	const evaluate = (name: string, itemIndex: number, fallback: unknown) =>
		single === undefined
			? (ctx as IExecuteFunctions).getNodeParameter(name, itemIndex, fallback)
			: (ctx as IExecuteSingleFunctions).getNodeParameter(name, fallback);
	const constant = new Map<string, unknown>();
	const paths = new Map<string, string[] | undefined>();
	return (itemIndex) => (name, fallback) => {
		if (constant.has(name)) return constant.get(name);
		if (!paths.has(name)) paths.set(name, jsonPath(raw[name]));
		const path = paths.get(name);
		const item = items[single === undefined ? itemIndex : 0];
		if (path && item) {
			const value = walk(item.json, path);
			if (value !== MISSING) return value;
		}
		const value = evaluate(name, itemIndex, fallback);
		if (name in raw && !hasExpression(raw[name])) constant.set(name, value);
		return value;
	};
}
