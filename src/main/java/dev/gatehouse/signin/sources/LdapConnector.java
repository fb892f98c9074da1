package dev.gatehouse.signin.sources;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import java.io.File;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;

/**
 * How the LDAP source reaches its directory: LDAPS, or StartTLS, or plain only when the settings allow it, with the
 * server's certificate checked against the JVM's CAs or the configured PEM file and its host name against the URL;
 * bounded connect and response times; and what a failure means, for the audit log and for an administrator.
 */
final class LdapConnector {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int RESPONSE_TIMEOUT_MILLIS = 10_000;

    private final LdapIdentitySource.Settings settings;

    LdapConnector(LdapIdentitySource.Settings settings) {
        this.settings = settings;
    }

    /** A connection bound as the service account, for the sync. */
    LDAPConnection serviceConnection() throws LDAPException {
        LDAPConnection connection = connect();
        try {
            connection.bind(settings.bindDn(), settings.bindPassword());
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    /** A new connection, protected as the settings say, not yet bound. */
    LDAPConnection connect() throws LDAPException {
        LDAPURL url = new LDAPURL(settings.url());
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SSLUtil ssl = new SSLUtil(trustManager());
        try {
            if (settings.security() == LdapIdentitySource.Security.LDAPS) {
                return new LDAPConnection(ssl.createSSLSocketFactory(), options, url.getHost(), url.getPort());
            }
            LDAPConnection connection = new LDAPConnection(options, url.getHost(), url.getPort());
            if (settings.security() == LdapIdentitySource.Security.STARTTLS) {
                try {
                    SSLContext context = ssl.createSSLContext();
                    ExtendedResult started = connection.processExtendedOperation(new StartTLSExtendedRequest(context));
                    if (started.getResultCode() != ResultCode.SUCCESS) {
                        throw new LDAPException(started);
                    }
                } catch (LDAPException e) {
                    connection.close();
                    throw e;
                }
            }
            return connection;
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "TLS could not be set up: " + e.getMessage(), e);
        }
    }

    private X509TrustManager trustManager() throws LDAPException {
        if (settings.caCertificates() == null) {
            return JVMDefaultTrustManager.getInstance();
        }
        try {
            return new PEMFileTrustManager(new File(settings.caCertificates()));
        } catch (KeyStoreException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR,
                    "The CA certificates file " + settings.caCertificates() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The audit reason of a failed sign-in: unreachable, or what the directory answered. */
    static String reason(LDAPException e) {
        ResultCode code = e.getResultCode();
        if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT) {
            return "ldap-unreachable: " + e.getMessage();
        }
        return "ldap-error: " + code.getName() + ": " + e.getDiagnosticMessage();
    }

    /** The same failure in a sentence for the administrator. */
    String adminMessage(LDAPException e) {
        ResultCode code = e.getResultCode();
        if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT) {
            return "The directory at " + settings.url() + " cannot be reached: " + e.getMessage();
        }
        if (code == ResultCode.INVALID_CREDENTIALS) {
            return "The directory refused the bind DN and password (" + settings.bindDn() + ").";
        }
        return "The directory answered " + code.getName() + ": " + e.getMessage();
    }
}
