/**
 * The AWS Query protocol as a pure wire adapter: form-decoded requests, dispatch of {@code POST /} by
 * {@code Action}, the XML success and error envelopes with request ids. Knows no IAM or STS operation and no
 * signature scheme: it asks the core's {@code RequestAuthenticator}.
 */
package dev.gatehouse.awsemulator.query;
