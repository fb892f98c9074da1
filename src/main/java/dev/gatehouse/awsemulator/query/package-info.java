/**
 * The AWS Query protocol: form-decoded requests, dispatch of {@code POST /} by {@code Action}, the XML success and
 * error envelopes with request ids. Knows no IAM or STS operation; may import {@code awsemulator.account} and web
 * plumbing.
 */
package dev.gatehouse.awsemulator.query;
