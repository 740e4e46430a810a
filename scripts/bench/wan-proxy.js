// @ts-check
'use strict';

/**
 * A TCP proxy on 127.0.0.1 that behaves like a long network path: every chunk, each way, arrives
 * `oneWayMs` after it was sent, and a new connection pays the TCP handshake too (the client's first bytes
 * leave only after a SYN / SYN-ACK round trip; the upstream connection opens when the SYN would arrive).
 * So a new TLS connection costs its real round trips and a kept-alive one only the request's. It counts
 * connections. Run in its own process (startWanProxy forks it), so that its timers do not wait behind the
 * benchmark's CPU work; driven over IPC: 'stats', 'drop' (close every open connection: each measured
 * client starts cold).
 */

const net = require('node:net');
const { fork } = require('node:child_process');

/**
 * One direction of a connection: chunks written to `to` in order, each at its arrival time. One queue and
 * one timer per direction: timers due in the same millisecond may fire out of order, which would reorder
 * the TLS stream (it broke two connections in earlier runs).
 * @param {net.Socket} to
 * @param {number} oneWayMs
 * @param {number} notBefore the earliest time (Date.now scale) a chunk may leave
 */
function delayedPipe(to, oneWayMs, notBefore) {
	/** @type {Array<{ at: number, action: () => void }>} */
	const queue = [];
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	const run = () => {
		timer = undefined;
		while (queue.length > 0 && queue[0].at <= Date.now()) queue.shift()?.action();
		if (queue.length > 0) timer = setTimeout(run, queue[0].at - Date.now());
	};
	/** @param {() => void} action */
	const later = (action) => {
		const at = Math.max(Date.now(), notBefore) + oneWayMs;
		queue.push({ at: Math.max(at, queue.length > 0 ? queue[queue.length - 1].at : 0), action });
		if (timer === undefined) timer = setTimeout(run, queue[0].at - Date.now());
	};
	return {
		/** @param {Buffer} chunk */
		data: (chunk) => later(() => void (to.destroyed || to.write(chunk))),
		end: () => later(() => void (to.destroyed || to.end())),
		destroy: () => later(() => void to.destroy()),
	};
}

/** @param {number} targetPort @param {number} oneWayMs */
function serveProxy(targetPort, oneWayMs) {
	/** @type {Set<net.Socket>} */
	const open = new Set();
	const counts = { connections: 0, upstreamFailures: 0 };
	const server = net.createServer((client) => {
		counts.connections++;
		const accepted = Date.now();
		const upstream = new net.Socket();
		for (const socket of [client, upstream]) {
			socket.setNoDelay(true);
			open.add(socket);
		}
		// Client → server: nothing leaves before the client would have had the SYN-ACK (2 × one way).
		const toServer = delayedPipe(upstream, oneWayMs, accepted + 2 * oneWayMs);
		const toClient = delayedPipe(client, oneWayMs, 0);
		client.on('data', toServer.data).on('end', toServer.end).on('error', () => undefined);
		client.on('close', () => void (open.delete(client), toServer.destroy()));
		upstream.on('data', toClient.data).on('end', toClient.end).on('error', () => void counts.upstreamFailures++);
		upstream.on('close', () => void (open.delete(upstream), toClient.destroy()));
		// The SYN reaches the server one way later.
		setTimeout(() => void (client.destroyed || upstream.connect({ port: targetPort, host: '127.0.0.1' })), oneWayMs);
	});
	return { server, open, counts };
}

/**
 * @typedef {{ connections: number, upstreamFailures: number }} ProxyStats
 * @typedef {{ port: number, stats: () => Promise<ProxyStats>, drop: () => Promise<void>, stop: () => Promise<void> }} WanProxy
 */

/**
 * The proxy in a child process.
 * @param {{ targetPort: number, oneWayMs: number }} options
 * @returns {Promise<WanProxy>}
 */
function startWanProxy(options) {
	const child = fork(__filename, [String(options.targetPort), String(options.oneWayMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	let nextId = 1;
	/** @param {'stats' | 'drop'} type @returns {Promise<ProxyStats>} */
	const ask = (type) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			/** @param {any} message */
			const onMessage = (message) => {
				if (message?.id !== id) return;
				child.off('message', onMessage);
				resolve(message.stats);
			};
			child.on('message', onMessage);
			child.send({ type, id }, (error) => error && reject(error));
		});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code, signal) => reject(new Error(`the WAN proxy exited (${code ?? signal}) before it was ready`)));
		child.once('message', (/** @type {any} */ message) => {
			child.removeAllListeners('exit');
			resolve({
				port: message.port,
				stats: () => ask('stats'),
				// Give the clients a moment to notice the closed connections.
				drop: async () => void (await ask('drop'), await new Promise((r) => setTimeout(r, 50))),
				stop: () =>
					new Promise((done) => {
						if (child.exitCode !== null || child.signalCode !== null) return done();
						child.once('exit', () => done());
						child.kill('SIGTERM');
					}),
			});
		});
	});
}

if (require.main === module && process.send) {
	const send = /** @type {(message: unknown) => void} */ (process.send.bind(process));
	const proxy = serveProxy(Number(process.argv[2]), Number(process.argv[3]));
	proxy.server.listen(0, '127.0.0.1', () => {
		const address = proxy.server.address();
		send({ port: typeof address === 'object' && address !== null ? address.port : 0 });
	});
	process.on('message', (/** @type {any} */ message) => {
		if (message?.type === 'drop') for (const socket of proxy.open) socket.destroy();
		send({ id: message?.id, stats: { ...proxy.counts } });
	});
	process.on('disconnect', () => process.exit(0));
	process.on('SIGTERM', () => process.exit(0));
}

module.exports = { startWanProxy };
