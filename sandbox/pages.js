// @ts-check
'use strict';

/**
 * Canned answers that are not the API's own: the HTML pages a web server or proxy in front of the
 * API sends, and the record the foreignRecord fault hands out.
 */

/**
 * An HTML error page, as Apache, nginx or a proxy answers.
 * @param {number} status
 * @param {string} title
 * @returns {import('./http-util').Answer}
 */
function htmlPage(status, title) {
	return {
		status,
		body: `<html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1></body></html>`,
		code: '',
		contentType: 'text/html; charset=utf-8',
	};
}

/** A shape A record of a customer (and user) nobody asked for. */
const FOREIGN_RECORD = Object.freeze({
	Attributes: [
		{ Name: 'customerId', Value: 'someone-else', ID: 8570 },
		{ Name: 'userId', Value: 'someone-else', ID: 8571 },
		{ Name: 'name', Value: 'Someone else', ID: 8572 },
	],
	InwardLinks: [],
	OutwardLinks: [],
});

module.exports = { htmlPage, FOREIGN_RECORD };
