// @ts-check
'use strict';

/**
 * A self-signed certificate for 127.0.0.1, made at run time by sandbox/tls.js (the `selfsigned`
 * library) with an RSA 2048 key as most public APIs serve, kept in files for the sandbox's CLI and
 * NODE_EXTRA_CA_CERTS. The benchmark's client processes trust it through NODE_EXTRA_CA_CERTS (read
 * by Node at start-up), never by turning verification off.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { selfSignedCertificate } = require('../../sandbox/tls');

/** Environment variable naming the run's certificate directory (cert.pem, key.pem). */
const TLS_DIR_ENV = 'IMICONNECT_BENCH_TLS_DIR';

/**
 * @typedef {object} Certificate
 * @property {string} dir a temporary directory holding both files (remove it when done)
 * @property {string} certFile PEM certificate, subjectAltName IP:127.0.0.1
 * @property {string} keyFile PEM private key (RSA 2048, what most public APIs still serve)
 */

/** @returns {Promise<Certificate>} */
async function makeCertificate() {
	const { key, cert } = await selfSignedCertificate({ keyType: 'rsa', days: 2 });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imiconnect-bench-tls-'));
	const certFile = path.join(dir, 'cert.pem');
	const keyFile = path.join(dir, 'key.pem');
	fs.writeFileSync(certFile, cert);
	fs.writeFileSync(keyFile, key, { mode: 0o600 });
	return { dir, certFile, keyFile };
}

/**
 * The certificate of this run when this process was started by `relaunchTrusting` (and so trusts
 * it); undefined otherwise.
 * @returns {{ certFile: string, keyFile: string } | undefined}
 */
function trustedCertificate() {
	const dir = process.env[TLS_DIR_ENV];
	const certFile = dir ? path.join(dir, 'cert.pem') : '';
	if (!dir || !fs.existsSync(certFile) || process.env.NODE_EXTRA_CA_CERTS !== certFile) return undefined;
	return { certFile, keyFile: path.join(dir, 'key.pem') };
}

/**
 * Run `script` again in a new Node process with `nodeArgs`, trusting a certificate made for it
 * (when `trust`); exit with its code, the certificate removed.
 * @param {string} script
 * @param {{ nodeArgs?: string[], trust: boolean }} options
 */
async function relaunch(script, options) {
	const env = { ...process.env };
	/** @type {string | undefined} */
	let dir;
	if (options.trust) {
		const certificate = await makeCertificate();
		dir = certificate.dir;
		env[TLS_DIR_ENV] = certificate.dir;
		env.NODE_EXTRA_CA_CERTS = certificate.certFile;
	}
	const args = [...(options.nodeArgs ?? []), ...process.execArgv, script, ...process.argv.slice(2)];
	const child = spawn(process.execPath, args, { stdio: 'inherit', env });
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
		process.on(signal, () => child.kill(signal));
	}
	child.on('exit', (code, signal) => {
		if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
		process.exit(code ?? (signal ? 1 : 0));
	});
}

module.exports = { makeCertificate, trustedCertificate, relaunch, TLS_DIR_ENV };
