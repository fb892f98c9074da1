package dev.gatehouse.awsemulator.query;

import dev.gatehouse.awsemulator.core.AwsError;

/**
 * The Query protocol's envelopes: {@code <XResponse><XResult>…</XResult><ResponseMetadata>} for success and
 * {@code <ErrorResponse><Error>…</Error><RequestId>} for failure. The handler sends the same request id in the
 * {@code x-amzn-RequestId} header, because clients report the body's.
 */
public final class AwsXml {
    public static final String CONTENT_TYPE = "text/xml";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private AwsXml() {
    }

    /**
     * @param resultXml the inner XML of the {@code Result} element (already escaped, e.g. from {@link ResultXml});
     *                  {@code null} for operations whose response has no result element
     */
    public static String success(String action, String namespace, String resultXml, String requestId) {
        StringBuilder b = new StringBuilder(256 + (resultXml == null ? 0 : resultXml.length()));
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append('<').append(action).append("Response xmlns=\"").append(ResultXml.escape(namespace)).append("\">");
        if (resultXml != null) {
            b.append('<').append(action).append("Result>").append(resultXml).append("</").append(action).append("Result>");
        }
        b.append("<ResponseMetadata><RequestId>").append(ResultXml.escape(requestId)).append("</RequestId></ResponseMetadata>");
        b.append("</").append(action).append("Response>\n");
        return b.toString();
    }

    public static String error(AwsError error, String namespace, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ErrorResponse xmlns=\"" + ResultXml.escape(namespace) + "\"><Error>"
                + new ResultXml().element("Type", error.type()).element("Code", error.code())
                .element("Message", error.getMessage() == null ? "" : error.getMessage())
                + "</Error>" + new ResultXml().element("RequestId", requestId) + "</ErrorResponse>\n";
    }
}
