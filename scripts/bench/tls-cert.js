// @ts-check
'use strict';

/**
 * A self-signed certificate for 127.0.0.1, made at run time with the machine's `openssl` (Node
 * cannot issue X.509 certificates). The benchmark's client processes trust it through
 * NODE_EXTRA_CA_CERTS (read by Node at start-up), never by turning verification off.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/**
 * @typedef {object} Certificate
 * @property {string} dir a temporary directory holding both files (remove it when done)
 * @property {string} certFile PEM certificate, subjectAltName IP:127.0.0.1
 * @property {string} keyFile PEM private key (RSA 2048, what most public APIs still serve)
 */

/** @returns {Certificate} */
function makeCertificate() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imiconnect-bench-tls-'));
	const certFile = path.join(dir, 'cert.pem');
	const keyFile = path.join(dir, 'key.pem');
	try {
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2',
				'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
			{ stdio: ['ignore', 'ignore', 'pipe'] },
		);
	} catch (error) {
		fs.rmSync(dir, { recursive: true, force: true });
		const detail = /** @type {{ stderr?: Buffer }} */ (error).stderr?.toString().trim();
		throw new Error(`--network wan needs openssl to make a test certificate: ${detail || String(error)}`);
	}
	return { dir, certFile, keyFile };
}

module.exports = { makeCertificate };
