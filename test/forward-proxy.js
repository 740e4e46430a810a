// @ts-check
/**
 * A small HTTP forward proxy on 127.0.0.1 for the Request Options tests: plain requests in
 * absolute form (`GET http://host/path`) are forwarded, CONNECT opens a tunnel. It counts what
 * went through it (method and URL only: request headers, the key among them, are never kept).
 */
const http = require('node:http');
const net = require('node:net');

/**
 * @returns {Promise<{ url: string, requests: string[], tunnels: string[], close(): Promise<void> }>}
 */
async function startForwardProxy() {
	/** @type {string[]} */
	const requests = [];
	/** @type {string[]} */
	const tunnels = [];
	const server = http.createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		let target;
		try {
			target = new URL(req.url ?? '');
		} catch {
			res.writeHead(400).end('absolute URL expected');
			return;
		}
		const upstream = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	server.on('connect', (req, socket, head) => {
		tunnels.push(String(req.url));
		const [host, port] = String(req.url).split(':');
		const upstream = net.connect(Number(port), host, () => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(socket);
			socket.pipe(upstream);
		});
		upstream.on('error', () => socket.destroy());
		socket.on('error', () => upstream.destroy());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		requests,
		tunnels,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	await new Promise((resolve) => server.close(() => resolve(undefined)));
	return port;
}

module.exports = { startForwardProxy, closedPort };
