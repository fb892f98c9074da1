/**
 * The AWS wire protocols as pure adapters: the Query protocol (form-decoded requests, dispatch of {@code POST /} by
 * {@code Action}, the XML success and error envelopes with request ids) and JSON 1.1 on the same URL (dispatch by
 * {@code X-Amz-Target}, {@code __type} errors). Knows no IAM, STS or CloudTrail operation and no signature scheme:
 * it asks the core's {@code RequestAuthenticator} and {@code ActionAuthorizer}, and tells a {@code CallRecorder} of
 * every answered call.
 */
package dev.gatehouse.awsemulator.query;
