// @ts-check
/**
 * A reverse proxy on 127.0.0.1 in front of the sandbox, for the partial-success tests. The
 * sandbox's `partial` fault fails only the first record of a write; this fails chosen records: in
 * the first write request (a body with Records), the records at the given positions do not reach
 * the sandbox and are answered 7006 inside a 1002 partial success, the others' answers are the
 * sandbox's. Every other request passes unchanged. It keeps the body of every request it received
 * (never the headers: the key is among them).
 */
const http = require('node:http');

/**
 * @typedef {{ customerId?: unknown, code?: unknown, description?: unknown }} WriteResult
 * @param {{ url: string }} sandbox the sandbox (its url, without /resources/v2)
 * @param {number[]} failAt positions, in the first write's Records, of the records to fail
 * @returns {Promise<{ baseUrl: string, bodies: unknown[], close(): Promise<void> }>}
 */
async function startRecordFaultProxy(sandbox, failAt) {
	const target = new URL(sandbox.url);
	/** @type {unknown[]} */
	const bodies = [];
	let faulted = false;
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const body = text === '' ? undefined : JSON.parse(text);
			bodies.push(body);
			const records = body && Array.isArray(body.Records) ? body.Records : undefined;
			const fault = !faulted && records !== undefined;
			if (fault) faulted = true;
			const sent = fault ? JSON.stringify({ ...body, Records: records.filter((/** @type {unknown} */ _, /** @type {number} */ i) => !failAt.includes(i)) }) : text;
			const headers = { ...req.headers, 'content-length': String(Buffer.byteLength(sent)) };
			const upstream = http.request(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
				(answer) => {
					/** @type {Buffer[]} */
					const parts = [];
					answer.on('data', (part) => parts.push(part));
					answer.on('end', () => {
						let out = Buffer.concat(parts).toString('utf8');
						if (fault) out = JSON.stringify(withFailures(JSON.parse(out), records, failAt));
						const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = answer.headers;
						res.writeHead(answer.statusCode ?? 502, { ...rest, 'content-length': String(Buffer.byteLength(out)) });
						res.end(out);
					});
				},
			);
			upstream.on('error', () => res.destroy());
			upstream.end(sent);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		baseUrl: `http://127.0.0.1:${address.port}/resources/v2`,
		bodies,
		close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

/**
 * The sandbox's shape B answer to the records that reached it, with a 7006 result put back at
 * each failed position: a 1002 partial success.
 * @param {{ Results?: WriteResult[] } & Record<string, unknown>} answer
 * @param {Array<{ customerId?: unknown }>} records
 * @param {number[]} failAt
 */
function withFailures(answer, records, failAt) {
	const passed = [...(answer.Results ?? [])];
	/** @type {WriteResult[]} */
	const results = records.map((record, i) =>
		failAt.includes(i) ? { customerId: record.customerId, code: '7006', description: 'Internal error occurred' } : (passed.shift() ?? {}),
	);
	const failures = results.filter((result) => String(result.code) !== '1000').length;
	return {
		...answer,
		TotalCount: results.length,
		SuccessCount: results.length - failures,
		FailureCount: failures,
		code: '1002',
		description: 'Partial success',
		Results: results,
	};
}

module.exports = { startRecordFaultProxy };
