// @ts-check
'use strict';

/**
 * What the editor should show, computed from the built node description (dist/): every panel
 * state a user can reach (resource × operation × the option parameters that gate other fields,
 * e.g. Attributes mode, Find By, Channel) and, per state, the fields n8n must display and the
 * entries the Options collection must offer. New operations are covered without editing this.
 */

const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');

/** @typedef {import('n8n-workflow').INodeProperties} Prop */
/** @typedef {Record<string, unknown>} Values */

/**
 * @typedef {Object} PanelState
 * @property {string} label e.g. "App Profile → Create or Update (Attributes: Define Below, Channel: Facebook)"
 * @property {{ name: string, value: unknown, option: string }[]} settings parameters to set, in order
 *   (resource and operation first), with the option's display name to pick in the editor
 * @property {Values} values every parameter's value in this state
 * @property {string[]} fields display names of the top-level fields shown, in order
 * @property {Prop[]} props the visible properties
 * @property {string[]} collectionOptions display names the Options collection offers
 */

/** The node's and the credential's descriptions as built in dist/. */
function loadDescriptions() {
	const nodeModule = require(path.join(REPO, 'dist', 'nodes', 'Imiconnect', 'Imiconnect.node.js'));
	const credModule = require(path.join(REPO, 'dist', 'credentials', 'ImiconnectApi.credentials.js'));
	const NodeClass = /** @type {any} */ (Object.values(nodeModule)[0]);
	const CredClass = /** @type {any} */ (Object.values(credModule)[0]);
	/** @type {import('n8n-workflow').INodeTypeDescription} */
	const node = new NodeClass().description;
	/** @type {import('n8n-workflow').ICredentialType} */
	const credential = new CredClass();
	return { node, credential };
}

/**
 * n8n's display rule for one displayOptions block against the current values ('/name' = the
 * node's top-level parameter; here every gated parameter is top-level).
 * @param {Prop['displayOptions']} displayOptions
 * @param {Values} values
 */
function shown(displayOptions, values) {
	if (!displayOptions) return true;
	const value = (/** @type {string} */ key) => values[key.replace(/^\//, '')];
	for (const [key, allowed] of Object.entries(displayOptions.show ?? {})) {
		if (!Array.isArray(allowed) || !allowed.includes(/** @type {any} */ (value(key)))) return false;
	}
	for (const [key, denied] of Object.entries(displayOptions.hide ?? {})) {
		if (Array.isArray(denied) && denied.includes(/** @type {any} */ (value(key)))) return false;
	}
	return true;
}

/**
 * The visible properties and every parameter's value, given the values the user set (others
 * take the default of their first visible definition).
 * @param {Prop[]} props
 * @param {Values} set
 */
function resolve(props, set) {
	/** @type {Values} */
	let values = { ...set };
	/** @type {Prop[]} */
	let visible = [];
	for (let round = 0; round < 5; round++) {
		visible = props.filter((p) => shown(p.displayOptions, values));
		/** @type {Values} */
		const next = { ...set };
		for (const p of visible) if (!(p.name in next)) next[p.name] = p.default;
		if (JSON.stringify(next) === JSON.stringify(values)) break;
		values = next;
	}
	return { visible, values };
}

/** @param {Prop} p */
const isField = (p) => p.type !== 'hidden';

/** Display names of the collection's entries offered in this state. @param {Prop | undefined} collection @param {Values} values */
function offeredOptions(collection, values) {
	if (!collection || !Array.isArray(collection.options)) return [];
	return /** @type {Prop[]} */ (collection.options).filter((o) => shown(o.displayOptions, values)).map((o) => o.displayName);
}

/**
 * Every panel state: resource × operation, then each option parameter that gates other fields,
 * over all its values (recursively, e.g. Channel appears only with Attributes = Define Below). A
 * gate nested in another (Channel) is swept over all its values on the first operation of a
 * resource that has it, and left at its default on the others (same fields, less time).
 * @param {import('n8n-workflow').INodeTypeDescription} description
 * @returns {PanelState[]}
 */
function panelStates(description) {
	const props = /** @type {Prop[]} */ (description.properties);
	const gates = new Set();
	for (const p of props) {
		for (const block of [p.displayOptions?.show, p.displayOptions?.hide]) for (const key of Object.keys(block ?? {})) gates.add(key.replace(/^\//, ''));
	}
	/** @type {PanelState[]} */
	const states = [];
	/** @type {Set<string>} resource/gate pairs already swept */
	const swept = new Set();
	/** @param {PanelState['settings']} settings */
	const expand = (settings) => {
		const set = Object.fromEntries(settings.map((s) => [s.name, s.value]));
		const { visible, values } = resolve(props, set);
		const gate = visible.find((p) => p.type === 'options' && gates.has(p.name) && !(p.name in set));
		if (gate) {
			/** @type {{ name: string, value: unknown }[]} */
			let options = /** @type {any[]} */ (gate.options ?? []);
			const nested = settings.length > 2;
			const sweepKey = `${settings[0].value}/${gate.name}`;
			if (nested && swept.has(sweepKey)) options = options.filter((o) => o.value === gate.default);
			if (nested) swept.add(sweepKey);
			for (const option of options) expand([...settings, { name: gate.name, value: option.value, option: option.name }]);
			return;
		}
		const [res, op, ...rest] = settings;
		const detail = rest.map((s) => `${visible.find((p) => p.name === s.name)?.displayName ?? s.name}: ${s.option}`).join(', ');
		states.push({
			label: `${res.option} → ${op.option}${detail ? ` (${detail})` : ''}`,
			settings,
			values,
			fields: visible.filter(isField).map((p) => p.displayName),
			props: visible,
			collectionOptions: offeredOptions(visible.find((p) => p.type === 'collection'), values),
		});
	};
	const resource = props.find((p) => p.name === 'resource');
	for (const r of /** @type {{ name: string, value: unknown }[]} */ (resource?.options ?? [])) {
		const { visible } = resolve(props, { resource: r.value });
		const operation = visible.find((p) => p.name === 'operation');
		for (const o of /** @type {{ name: string, value: unknown }[]} */ (operation?.options ?? [])) {
			expand([
				{ name: 'resource', value: r.value, option: r.name },
				{ name: 'operation', value: o.value, option: o.name },
			]);
		}
	}
	return states;
}

/** The resource × operation pairs (one per action of the nodes panel). @param {PanelState[]} states */
function operations(states) {
	const seen = new Map();
	for (const s of states) seen.set(`${s.values.resource}/${s.values.operation}`, s);
	return [...seen.values()];
}

module.exports = { loadDescriptions, panelStates, operations, shown, resolve };
