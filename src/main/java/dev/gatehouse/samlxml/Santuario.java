package dev.gatehouse.samlxml;

/** One-time initialisation of Apache Santuario, with its line-wrapping of base64 values turned off. */
final class Santuario {
    private Santuario() {
    }

    static synchronized void init() {
        if (!org.apache.xml.security.Init.isInitialized()) {
            System.setProperty("org.apache.xml.security.ignoreLineBreaks", "true");
            org.apache.xml.security.Init.init();
        }
    }
}
