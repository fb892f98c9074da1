package dev.gatehouse.awsemulator.account;

import dev.gatehouse.awsemulator.core.AccessKeys;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.RequestAuthenticator;
import dev.gatehouse.awsemulator.core.SignedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on a Query request for real: rebuilds the canonical request from the headers
 * the client says it signed (as sent, {@code host} with its port), checks the credential scope and the 15-minute
 * date window against the injected clock, checks {@code x-amz-content-sha256} against the body when present, and
 * compares HMACs in constant time. Session credentials must come with their own security token. Thread-safe.
 */
public final class SigV4Verifier implements RequestAuthenticator {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final List<CredentialResolver> resolvers;
    private final Clock clock;
    static final String IAM_REGION = "us-east-1";

    /** @param resolvers asked in order for an access key id (root keys, then STS session keys) */
    public SigV4Verifier(List<CredentialResolver> resolvers, Clock clock) {
        this.resolvers = List.copyOf(resolvers);
        this.clock = clock;
    }

    /**
     * @throws AwsError MissingAuthenticationToken, IncompleteSignature, InvalidClientTokenId, ExpiredToken or
     *                  SignatureDoesNotMatch
     */
    @Override
    public CallerIdentity authenticate(SignedRequest request, String service) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw AwsError.missingAuthenticationToken();
        }
        Authorization auth = Authorization.parse(authorization);
        SigningCredential credential = resolve(auth.accessKeyId());
        String token = request.header("X-Amz-Security-Token");
        // Only the token's hash is stored: hash what was sent and compare the hashes in constant time.
        if (credential.sessionTokenHash() == null ? token != null
                : (token == null || !same(AccessKeys.sessionTokenHash(token), credential.sessionTokenHash()))) {
            throw AwsError.invalidClientTokenId();
        }
        if (credential.expiresAt() != null && !clock.instant().isBefore(credential.expiresAt())) {
            throw AwsError.expiredToken();
        }
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            throw AwsError.incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        Instant signedAt = parseDate(amzDate);
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(WINDOW)) || signedAt.isAfter(now.plus(WINDOW))) {
            throw new AwsError("SignatureDoesNotMatch", "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(LocalDateTime.ofInstant(now.minus(WINDOW), ZoneOffset.UTC)) + " ("
                    + AMZ_DATE.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + " - 15 min.)", 403);
        }
        if (!auth.date().equals(amzDate.substring(0, 8))) {
            throw new AwsError("SignatureDoesNotMatch", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.", 403);
        }
        if (!auth.service().equals(service)) {
            throw new AwsError("SignatureDoesNotMatch", "Credential should be scoped to correct service: '" + service + "'. ", 403);
        }
        // IAM is a global service served from us-east-1: AWS refuses any other scope, while STS answers in every region.
        if (service.equals("iam") && !auth.region().equals(IAM_REGION)) {
            throw new AwsError("SignatureDoesNotMatch", "Credential should be scoped to a valid region, not '" + auth.region() + "'. ", 403);
        }
        if (!auth.signedHeaders().contains("host")) {
            throw AwsError.incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String payloadHash = hex(sha256(request.body()));
        String declared = request.header("x-amz-content-sha256");
        if (declared != null && !declared.equalsIgnoreCase(payloadHash)) {
            throw AwsError.signatureDoesNotMatch();
        }
        String canonical = canonicalRequest(request, auth.signedHeaders(), payloadHash);
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + credential.secretAccessKey()).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        if (!same(expected, auth.signature().toLowerCase(java.util.Locale.ROOT))) {
            throw AwsError.signatureDoesNotMatch();
        }
        return credential.caller();
    }

    private SigningCredential resolve(String accessKeyId) {
        for (CredentialResolver resolver : resolvers) {
            Optional<SigningCredential> found = resolver.find(accessKeyId);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw AwsError.invalidClientTokenId();
    }

    static String canonicalRequest(SignedRequest request, List<String> signedHeaders, String payloadHash) {
        StringBuilder b = new StringBuilder();
        b.append(request.method()).append('\n');
        b.append(canonicalPath(request.path())).append('\n');
        b.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            String value = request.header(name);
            b.append(name).append(':').append(value == null ? "" : value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        b.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return b.toString();
    }

    /** Each path segment encoded twice, as SigV4 requires for every service but S3. */
    private static String canonicalPath(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(uriEncode(uriEncode(decode(segment))));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[]{uriEncode(decode(name)), uriEncode(decode(value))});
        }
        pairs.sort((x, y) -> x[0].equals(y[0]) ? x[1].compareTo(y[1]) : x[0].compareTo(y[0]));
        List<String> joined = new ArrayList<>();
        for (String[] p : pairs) {
            joined.add(p[0] + "=" + p[1]);
        }
        return String.join("&", joined);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsError.signatureDoesNotMatch();
        }
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX upper case. */
    static String uriEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    private static Instant parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw AwsError.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The parts of an {@code AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} header. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {
        static Authorization parse(String header) {
            String h = header.trim();
            if (!h.startsWith(ALGORITHM + " ")) {
                throw AwsError.incompleteSignature("Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization=" + shorten(h));
            }
            Map<String, String> parts = new java.util.HashMap<>();
            for (String part : h.substring(ALGORITHM.length()).split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq > 0) {
                    parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
                }
            }
            String credential = parts.get("Credential");
            String signedHeaders = parts.get("SignedHeaders");
            String signature = parts.get("Signature");
            if (credential == null || signedHeaders == null || signature == null || signedHeaders.isEmpty()) {
                throw AwsError.incompleteSignature("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
            }
            String[] scope = credential.split("/");
            if (scope.length != 5 || !"aws4_request".equals(scope[4]) || !scope[1].matches("\\d{8}") || scope[0].isEmpty()) {
                throw AwsError.incompleteSignature("Credential should be scoped to a valid region, not '" + shorten(credential) + "'. ");
            }
            List<String> headers = List.of(signedHeaders.toLowerCase(java.util.Locale.ROOT).split(";"));
            return new Authorization(scope[0], scope[1], scope[2], scope[3], headers, signature);
        }

        private static String shorten(String s) {
            return s.length() > 80 ? s.substring(0, 80) : s;
        }
    }
}
