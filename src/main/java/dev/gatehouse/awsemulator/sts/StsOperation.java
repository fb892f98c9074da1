package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.query.QueryOperation;

/** An STS action on the Query API: the 2011-06-15 version and namespace are the same for all of them. */
abstract class StsOperation implements QueryOperation {
    @Override
    public final String version() {
        return StsProtocol.VERSION;
    }

    @Override
    public final String namespace() {
        return StsProtocol.NAMESPACE;
    }
}
