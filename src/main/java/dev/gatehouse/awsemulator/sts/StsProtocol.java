package dev.gatehouse.awsemulator.sts;

/** The STS Query API's version and response namespace (botocore {@code sts/2011-06-15}). */
public final class StsProtocol {
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static final String VERSION = "2011-06-15";

    private StsProtocol() {
    }
}
