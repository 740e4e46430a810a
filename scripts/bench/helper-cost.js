// @ts-check
'use strict';

/**
 * What n8n's request helper costs per request, and which of its pieces cost it (bench/README.md,
 * "n8n's request helper, per request"):
 *
 *   node scripts/bench/helper-cost.js [--requests 200] [--rounds 5] [--loops 5000]
 *
 * Requests: GET of one stored customer ID, one after the other, against the sandbox over HTTPS on
 * 127.0.0.1 (a child process, no added latency); CPU time (user + system) of this process per request,
 * median of the rounds. Pieces: the same pieces called in a loop, without the network.
 */

const dns = require('node:dns/promises');
const https = require('node:https');
const path = require('node:path');
const tls = require('node:tls');
const { parseArgs } = require('node:util');

const KEY = 'bench-profile-key';
const ID = 'bench-000001';

/** @param {string} text */
function say(text) {
	process.stdout.write(`${text}\n`);
}

/** @param {number[]} values */
function median(values) {
	const sorted = [...values].sort((x, y) => x - y);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * CPU µs and wall µs per call of `fn`, median over `rounds` rounds of `count` calls in sequence.
 * @param {() => unknown} fn
 * @param {number} count
 * @param {number} rounds
 */
async function cost(fn, count, rounds) {
	/** @type {number[]} */
	const cpu = [];
	/** @type {number[]} */
	const wall = [];
	await fn();
	for (let r = 0; r < rounds; r++) {
		const c0 = process.cpuUsage();
		const t0 = process.hrtime.bigint();
		for (let i = 0; i < count; i++) await fn();
		const c = process.cpuUsage(c0);
		wall.push(Number(process.hrtime.bigint() - t0) / 1e3 / count);
		cpu.push((c.user + c.system) / count);
	}
	return { cpuUs: median(cpu), wallUs: median(wall) };
}

/**
 * @param {string} url
 * @param {https.Agent} agent
 * @returns {Promise<unknown>}
 */
function httpsGet(url, agent) {
	return new Promise((resolve, reject) => {
		https
			.get(url, { headers: { key: KEY, accept: 'application/json' }, agent }, (response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				response.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
				response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
				response.on('error', reject);
			})
			.on('error', reject);
	});
}

async function main() {
	const { values } = parseArgs({
		options: { requests: { type: 'string' }, rounds: { type: 'string' }, loops: { type: 'string' } },
	});
	const requests = Number(values.requests ?? 200);
	const rounds = Number(values.rounds ?? 5);
	const loops = Number(values.loops ?? 5000);
	const certificate = require('./tls-cert').trustedCertificate();
	if (certificate === undefined) throw new Error('start me as `node scripts/bench/helper-cost.js` (I make and trust a certificate)');
	const { startSandboxChild } = require('./sandbox-child');
	const { batched, makeItems } = require('./clients');
	const { sandboxCredentials } = require('../lib/engine');
	const { Container } = require('@n8n/di');
	const { OutboundHttp } = require('@n8n/backend-network');
	const { httpRequestWithAuthentication } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/authentication');
	const networkDist = path.dirname(require.resolve('@n8n/backend-network'));
	const { buildNodeAgents } = require(path.join(networkDist, 'http', 'node-agents.js'));
	const { convertN8nRequestToAxios } = require(path.join(networkDist, 'http', 'axios', 'request.js'));
	const { ImiconnectApi } = require(path.resolve(__dirname, '..', '..', 'dist', 'credentials', 'ImiconnectApi.credentials.js'));

	const sb = await startSandboxChild({ key: KEY, latencyMs: 0, tls: certificate });
	try {
		await batched({ baseUrl: sb.baseUrl, key: KEY }, 'create', makeItems(2), 1);
		const url = `${sb.baseUrl}/customerprofile?customerId=${ID}&showinwardlinks=0`;
		const credentials = sandboxCredentials(sb.baseUrl, KEY);
		const credentialType = new ImiconnectApi();
		const outbound = Container.get(OutboundHttp).requests();
		/** The options the node's transport gives n8n's helper (nodes/Imiconnect/pipeline/transport.ts). */
		const nodeOptions = () => ({
			method: /** @type {const} */ ('GET'),
			url: '/customerprofile',
			qs: { customerId: [ID], showinwardlinks: 0 },
			headers: { accept: 'application/json', 'content-type': 'application/json' },
			json: true,
			arrayFormat: /** @type {const} */ ('repeat'),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		});
		/** What the credential adds (base URL and key header). */
		const authenticated = async (/** @type {object} */ extra = {}) =>
			await credentialType.authenticate(credentials, { ...nodeOptions(), ...extra });
		const additionalData = /** @type {any} */ ({
			credentialsHelper: {
				getParentTypes: () => [],
				preAuthentication: async () => undefined,
				authenticate: async (/** @type {any} */ c, /** @type {string} */ _t, /** @type {any} */ o) => await credentialType.authenticate(c, o),
			},
		});
		// Stands in for the node's execute context: n8n's getCredentials reads and decrypts the credential each call.
		const context = /** @type {any} */ ({ getCredentials: async () => ({ ...credentials }), helpers: {} });
		/** @param {object} [credentialOptions] e.g. credentialsDecrypted: the credential read once, not per call */
		const viaHelper = (credentialOptions) => () =>
			httpRequestWithAuthentication.call(context, 'imiconnectApi', nodeOptions(), /** @type {any} */ ({}), /** @type {any} */ ({ name: 'IMIconnect' }), additionalData, credentialOptions);
		const decrypted = { credentialsDecrypted: { id: '1', name: 'IMIconnect', type: 'imiconnectApi', data: credentials } };
		const sharedContext = tls.createSecureContext();

		say(`n8n's request helper, per request: ${requests} sequential GETs × ${rounds} rounds, HTTPS on 127.0.0.1, no added latency\n`);
		const keepAlive = new https.Agent({ keepAlive: true });
		const skipWork = { disableFollowRedirect: true, agentOptions: { secureContext: sharedContext } };
		/** @type {Array<[string, () => Promise<unknown>]>} */
		const variants = [
			['fetch, keep-alive (b)', async () => (await fetch(url, { headers: { key: KEY } })).json()],
			['node:https, one keep-alive agent', () => httpsGet(url, keepAlive)],
			['node:https, a new agent per request: new TCP + TLS (b′)', () => httpsGet(url, new https.Agent())],
			["n8n OutboundHttp.request (the helper's transport)", async () => outbound.request(await authenticated())],
			['  + disableFollowRedirect: true', async () => outbound.request(await authenticated({ disableFollowRedirect: true }))],
			['  + agentOptions.secureContext, one for all requests', async () => outbound.request(await authenticated({ agentOptions: { secureContext: sharedContext } }))],
			['httpRequestWithAuthentication, as the node calls it today', viaHelper()],
			['  + credentialsDecrypted (the credential read once per run)', viaHelper(decrypted)],
			['  + credentialsDecrypted, disableFollowRedirect, secureContext', async () =>
				httpRequestWithAuthentication.call(context, 'imiconnectApi', { ...nodeOptions(), ...skipWork }, /** @type {any} */ ({}), /** @type {any} */ ({ name: 'IMIconnect' }), additionalData, decrypted)],
		];
		// Rounds interleave the variants, so that a busy moment of the shared machine hits them all alike.
		const results = variants.map(() => /** @type {Array<{ cpuUs: number, wallUs: number }>} */ ([]));
		for (const [, fn] of variants) await cost(fn, 20, 1);
		for (let r = 0; r < rounds; r++) {
			for (let v = 0; v < variants.length; v++) results[v].push(await cost(variants[v][1], requests, 1));
		}
		say('what                                                              CPU µs/req   wall µs/req');
		variants.forEach(([name], v) => {
			const cpu = median(results[v].map((x) => x.cpuUs));
			const wall = median(results[v].map((x) => x.wallUs));
			say(`${name.padEnd(64)}  ${cpu.toFixed(0).padStart(10)}  ${wall.toFixed(0).padStart(12)}`);
		});
		say(`\npieces, without the network (${loops} calls each)`);
		say('what                                                              CPU µs/call');
		/** @param {string} name @param {() => unknown} fn */
		const piece = async (name, fn) => say(`${name.padEnd(64)}  ${(await cost(fn, loops, 3)).cpuUs.toFixed(1).padStart(11)}`);
		await piece("buildNodeAgents('env'): the http and https agents of one request", () => buildNodeAgents('env', 'disabled', { servername: undefined }));
		await piece('convertN8nRequestToAxios (agents, redirect hook, headers)', () => convertN8nRequestToAxios({ ...nodeOptions(), baseURL: sb.baseUrl, headers: { key: KEY } }, undefined));
		await piece("the credential's authenticate (base URL, key header)", () => credentialType.authenticate(credentials, nodeOptions()));
		await piece('tls.createSecureContext() (each new TLS connection without one)', () => tls.createSecureContext());
		await piece("dns.lookup('localhost') (each new connection to a host name)", () => dns.lookup('localhost'));
	} finally {
		await sb.stop();
	}
}

if (require.main === module) {
	const { trustedCertificate, relaunch } = require('./tls-cert');
	if (trustedCertificate() === undefined) {
		relaunch(__filename, { trust: true });
	} else {
		main().then(
			() => process.exit(0),
			(error) => {
				process.stderr.write(`helper-cost: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
				process.exit(1);
			},
		);
	}
}
