// @ts-check
'use strict';

/**
 * A TCP proxy on 127.0.0.1 that behaves like a long network path: every chunk, in each direction,
 * arrives `oneWayMs` after it was sent, and a new connection pays the TCP handshake too (the
 * client's first bytes leave only after a SYN / SYN-ACK round trip, and the upstream connection is
 * opened when the SYN would arrive). So a new TLS connection costs its real round trips (TCP, TLS
 * handshake, then the request) and a kept-alive one only the request's. It counts connections.
 *
 * Run in its own process (forked by startWanProxy), so that its timers do not wait behind the
 * benchmark's CPU work; the benchmark talks to it over the IPC channel: 'stats', 'drop' (close every
 * open connection, so that each measured client starts cold), 'stop'.
 */

const net = require('node:net');
const path = require('node:path');
const { fork } = require('node:child_process');

/**
 * @typedef {object} ProxyStats
 * @property {number} connections connections accepted since the start
 * @property {number} open connections open now
 * @property {number} upstreamFailures upstream connections that failed or were reset (not closed in order)
 */

/**
 * One direction of a connection: chunks written to `to` in order, each at its arrival time. One
 * queue and one timer per direction: separate timers that come due in the same millisecond may
 * fire out of order (Node keeps a list per duration), which would reorder the TLS stream.
 * @param {net.Socket} to
 * @param {number} oneWayMs
 * @param {number} notBefore the earliest time (ms, Date.now scale) a chunk may leave
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

/**
 * @param {{ targetPort: number, oneWayMs: number }} options
 * @returns {Promise<{ server: net.Server, stats: () => ProxyStats, drop: () => void }>}
 */
async function serveProxy(options) {
	const { targetPort, oneWayMs } = options;
	/** @type {Set<net.Socket>} */
	const open = new Set();
	let connections = 0;
	let upstreamFailures = 0;
	const server = net.createServer((client) => {
		connections++;
		const accepted = Date.now();
		client.setNoDelay(true);
		const upstream = new net.Socket();
		upstream.setNoDelay(true);
		open.add(client);
		open.add(upstream);
		// Client → server: nothing leaves before the client would have had the SYN-ACK (2 × one way).
		const toServer = delayedPipe(upstream, oneWayMs, accepted + 2 * oneWayMs);
		const toClient = delayedPipe(client, oneWayMs, 0);
		client.on('data', toServer.data);
		client.on('end', toServer.end);
		client.on('error', () => undefined);
		client.on('close', () => {
			open.delete(client);
			toServer.destroy();
		});
		upstream.on('data', toClient.data);
		upstream.on('end', toClient.end);
		upstream.on('error', () => {
			upstreamFailures++;
		});
		upstream.on('close', () => {
			open.delete(upstream);
			toClient.destroy();
		});
		// The SYN reaches the server one way later (the client's first bytes two ways after that).
		setTimeout(() => {
			if (!client.destroyed) upstream.connect({ port: targetPort, host: '127.0.0.1' });
		}, oneWayMs);
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(undefined));
	});
	return {
		server,
		stats: () => ({ connections, open: open.size / 2, upstreamFailures }),
		drop: () => {
			for (const socket of open) socket.destroy();
		},
	};
}

/**
 * The proxy in a child process, driven over IPC.
 */
class WanProxy {
	/**
	 * @param {import('node:child_process').ChildProcess} child
	 * @param {number} port
	 * @param {number} oneWayMs
	 */
	constructor(child, port, oneWayMs) {
		this.child = child;
		this.port = port;
		this.oneWayMs = oneWayMs;
		this.nextId = 1;
	}

	/**
	 * @param {'stats' | 'drop'} type
	 * @returns {Promise<ProxyStats>}
	 */
	ask(type) {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			/** @param {any} message */
			const onMessage = (message) => {
				if (message?.id !== id) return;
				this.child.off('message', onMessage);
				resolve(message.stats);
			};
			this.child.on('message', onMessage);
			this.child.send({ type, id }, (error) => error && reject(error));
		});
	}

	stats() {
		return this.ask('stats');
	}

	/** Close every open connection and give the clients a moment to notice. */
	async drop() {
		const stats = await this.ask('drop');
		await new Promise((resolve) => setTimeout(resolve, 50));
		return stats;
	}

	/** @returns {Promise<void>} */
	stop() {
		return new Promise((resolve) => {
			if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
			this.child.once('exit', () => resolve());
			this.child.kill('SIGTERM');
		});
	}
}

/**
 * @param {{ targetPort: number, oneWayMs: number }} options
 * @returns {Promise<WanProxy>}
 */
function startWanProxy(options) {
	const child = fork(path.join(__dirname, 'wan-proxy.js'), [String(options.targetPort), String(options.oneWayMs)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code, signal) => reject(new Error(`the WAN proxy exited (${code ?? signal}) before it was ready`)));
		child.once('message', (/** @type {any} */ message) => {
			child.removeAllListeners('exit');
			resolve(new WanProxy(child, message.port, options.oneWayMs));
		});
	});
}

if (require.main === module && process.send) {
	const send = /** @type {(message: unknown) => void} */ (process.send.bind(process));
	serveProxy({ targetPort: Number(process.argv[2]), oneWayMs: Number(process.argv[3]) }).then((proxy) => {
		const address = proxy.server.address();
		send({ port: typeof address === 'object' && address !== null ? address.port : 0 });
		process.on('message', (/** @type {any} */ message) => {
			if (message?.type === 'drop') proxy.drop();
			send({ id: message?.id, stats: proxy.stats() });
		});
		process.on('disconnect', () => process.exit(0));
		process.on('SIGTERM', () => process.exit(0));
	});
}

module.exports = { startWanProxy, serveProxy, WanProxy };
